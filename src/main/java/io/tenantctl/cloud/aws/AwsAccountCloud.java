package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.cloud.Alarms;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.PolicyReader;
import io.tenantctl.cloud.RoleNotAssumableException;
import io.tenantctl.cloud.Stacks;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;

/** One account's clients, on an assumed deploy role (cached and refreshed by the SDK). */
final class AwsAccountCloud implements AccountCloud {
  private final AwsCloud cloud;
  private final String accountId;
  private final AwsCredentialsProvider credentials;
  private final Map<String, AwsStacks> stacks = new ConcurrentHashMap<>();
  private final Map<String, AwsPolicyReader> policies = new ConcurrentHashMap<>();
  private final Map<String, AwsAlarms> alarms = new ConcurrentHashMap<>();
  private volatile StsClient sts;

  private AwsAccountCloud(AwsCloud cloud, String accountId, AwsCredentialsProvider credentials) {
    this.cloud = cloud;
    this.accountId = accountId;
    this.credentials = credentials;
  }

  static AwsAccountCloud assumed(AwsCloud cloud, String accountId, Cloud.DeployRoleRef role) {
    String roleArn = Arn.builder().partition(Arn.fromString(cloud.caller().arn()).partition()).service("iam")
        .accountId(accountId).resource("role/" + role.name()).build().toString();
    var provider = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(cloud.sts())
        .refreshRequest(r -> {
          r.roleArn(roleArn).roleSessionName("tenantctl").durationSeconds(3600);
          role.externalId().ifPresent(r::externalId);
        })
        .build();
    return new AwsAccountCloud(cloud, accountId, provider);
  }

  @Override
  public String accountId() {
    return accountId;
  }

  @Override
  public Cloud.CallerIdentity verify() {
    try {
      var id = sts().getCallerIdentity();
      return new Cloud.CallerIdentity(id.account(), id.arn());
    } catch (SdkException e) {
      // the assumed-role provider reports a refused AssumeRole as the cause of a client exception
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof StsException sts && sts.statusCode() == 403) {
          throw new RoleNotAssumableException("cannot assume the deploy role in account " + accountId + ": "
              + AwsCalls.message(sts), e);
        }
      }
      return AwsCalls.call("STS GetCallerIdentity in " + accountId, () -> {
        throw e;
      });
    }
  }

  private StsClient sts() {
    if (sts == null) {
      synchronized (this) {
        if (sts == null) {
          sts = cloud.configure(StsClient.builder(), credentials, cloud.settings().region()).build();
        }
      }
    }
    return sts;
  }

  @Override
  public Stacks stacks(String region) {
    return stacks.computeIfAbsent(region, r -> new AwsStacks(
        cloud.configure(CloudFormationClient.builder(), credentials, r).build(), cloud.settings()));
  }

  @Override
  public PolicyReader policies(String region) {
    return policies.computeIfAbsent(region, r -> new AwsPolicyReader(accountId,
        // IAM is global: one endpoint, signed for the partition's global region
        cloud.configure(IamClient.builder(), credentials, Region.AWS_GLOBAL.id()).build(),
        cloud.configure(S3Client.builder(), credentials, r)
            .forcePathStyle(cloud.settings().endpoint().isPresent()).crossRegionAccessEnabled(true).build(),
        cloud.configure(KmsClient.builder(), credentials, r).build()));
  }

  @Override
  public Alarms alarms(String region) {
    return alarms.computeIfAbsent(region, r -> new AwsAlarms(
        cloud.configure(CloudWatchClient.builder(), credentials, r).build()));
  }

  void close() {
    alarms.values().forEach(AwsAlarms::close);
    stacks.values().forEach(AwsStacks::close);
    policies.values().forEach(AwsPolicyReader::close);
    if (sts != null) {
      sts.close();
    }
    if (credentials instanceof StsAssumeRoleCredentialsProvider p) {
      p.close();
    }
  }
}
