package io.tenantctl.cloud.aws;

import static io.tenantctl.cloud.aws.AwsCalls.call;

import io.tenantctl.cloud.PolicyReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link PolicyReader} on one account's IAM, S3 and KMS clients. */
final class AwsPolicyReader implements PolicyReader, AutoCloseable {
  static final String ROLE = "AWS::IAM::Role";
  static final String BUCKET = "AWS::S3::Bucket";
  static final String KEY = "AWS::KMS::Key";

  private final String accountId;
  private final IamClient iam;
  private final S3Client s3;
  private final KmsClient kms;

  AwsPolicyReader(String accountId, IamClient iam, S3Client s3, KmsClient kms) {
    this.accountId = accountId;
    this.iam = iam;
    this.s3 = s3;
    this.kms = kms;
  }

  @Override
  public List<LivePolicy> roleTrustPolicies() {
    return call("IAM ListRoles in " + accountId, () -> iam.listRolesPaginator().roles().stream()
        .map(r -> new LivePolicy(ROLE, r.roleName(), Optional.ofNullable(r.assumeRolePolicyDocument()).map(AwsPolicyReader::decoded)))
        .toList());
  }

  @Override
  public List<LivePolicy> bucketPolicies() {
    List<LivePolicy> out = new ArrayList<>();
    var buckets = call("S3 ListBuckets in " + accountId, () -> s3.listBuckets().buckets());
    for (var bucket : buckets) {
      bucketPolicy(bucket.name()).ifPresent(p -> out.add(new LivePolicy(BUCKET, bucket.name(), Optional.of(p))));
    }
    return out;
  }

  private Optional<String> bucketPolicy(String bucket) {
    try {
      return Optional.of(s3.getBucketPolicy(r -> r.bucket(bucket)).policy());
    } catch (AwsServiceException e) {
      if ("NoSuchBucketPolicy".equals(AwsCalls.errorCode(e))) {
        return Optional.empty();
      }
      return call("S3 GetBucketPolicy " + bucket + " in " + accountId, () -> {
        throw e;
      });
    }
  }

  @Override
  public List<LivePolicy> keyPolicies() {
    var keys = call("KMS ListKeys in " + accountId, () -> kms.listKeysPaginator().keys().stream().toList());
    List<LivePolicy> out = new ArrayList<>();
    for (var key : keys) {
      String policy = call("KMS GetKeyPolicy " + key.keyId() + " in " + accountId,
          () -> kms.getKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")).policy());
      // moto answers the policy of a key made by CloudFormation as an object, which reads as none
      out.add(new LivePolicy(KEY, key.keyId(), Optional.ofNullable(policy)));
    }
    return out;
  }

  /** IAM answers trust policies URL-encoded (moto's ListRoles does not). */
  static String decoded(String document) {
    return document.regionMatches(true, 0, "%7B", 0, 3)
        ? URLDecoder.decode(document, StandardCharsets.UTF_8) : document;
  }

  @Override
  public void close() {
    iam.close();
    s3.close();
    kms.close();
  }
}
