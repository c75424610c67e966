package io.tenantctl.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Plain SDK clients on the emulator, independent of tenantctl's adapters: what tests use to check
 * what really happened (and to plant things out of band).
 */
public final class RawAws implements AutoCloseable {
  public static final String MANAGEMENT = "123456789012";
  private final URI endpoint;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final AwsCredentialsProvider management =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  public RawAws(URI endpoint) {
    this.endpoint = endpoint;
  }

  public OrganizationsClient org() {
    return keep(OrganizationsClient.builder().httpClient(http).endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(management).build());
  }

  public List<Account> accounts() {
    return org().listAccountsPaginator().stream().flatMap(p -> p.accounts().stream()).toList();
  }

  public List<Account> accountsWithEmail(String email) {
    return accounts().stream().filter(a -> a.email().equalsIgnoreCase(email)).toList();
  }

  public Map<String, String> tags(String accountId) {
    return org().listTagsForResource(r -> r.resourceId(accountId)).tags().stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }

  /** The OU path of an account, e.g. {@code /Tenants/Enterprise}. */
  public String ouPath(String accountId) {
    var org = org();
    String id = org.listParents(r -> r.childId(accountId)).parents().get(0).id();
    List<String> names = new ArrayList<>();
    while (id.startsWith("ou-")) {
      String ou = id;
      names.add(0, org.describeOrganizationalUnit(r -> r.organizationalUnitId(ou)).organizationalUnit().name());
      id = org.listParents(r -> r.childId(ou)).parents().get(0).id();
    }
    return "/" + String.join("/", names);
  }

  /** Credentials acting inside {@code accountId}, as the management account's access role. */
  public AwsCredentialsProvider in(String accountId) {
    if (accountId.equals(MANAGEMENT)) {
      return management;
    }
    var sts = keep(StsClient.builder().httpClient(http).endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(management).build());
    var c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + accountId + ":role/OrganizationAccountAccessRole")
        .roleSessionName("test")).credentials();
    return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
        c.sessionToken()));
  }

  public CloudFormationClient cfn(String accountId) {
    return keep(CloudFormationClient.builder().httpClient(http).endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(in(accountId)).build());
  }

  public S3Client s3(String accountId) {
    return keep(S3Client.builder().httpClient(http).endpointOverride(endpoint).region(Region.US_EAST_1)
        .forcePathStyle(true).credentialsProvider(in(accountId)).build());
  }

  public KmsClient kms(String accountId) {
    return keep(KmsClient.builder().httpClient(http).endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(in(accountId)).build());
  }

  public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudwatch(String accountId) {
    return keep(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder().httpClient(http)
        .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(in(accountId)).build());
  }

  public IamClient iam(String accountId) {
    return keep(IamClient.builder().httpClient(http).endpointOverride(endpoint).region(Region.AWS_GLOBAL)
        .credentialsProvider(in(accountId)).build());
  }

  /**
   * An SSM parameter's value in {@code accountId}, read over moto's JSON protocol (the project has no SSM client):
   * moto takes the account from the access key and does not check the signature.
   */
  public java.util.Optional<String> ssmParameter(String accountId, String name) {
    var creds = in(accountId).resolveCredentials();
    try {
      var c = (java.net.HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
      c.setRequestProperty("X-Amz-Target", "AmazonSSM.GetParameter");
      c.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=" + creds.accessKeyId()
          + "/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0");
      if (creds instanceof AwsSessionCredentials session) {
        c.setRequestProperty("X-Amz-Security-Token", session.sessionToken());
      }
      try (var out = c.getOutputStream()) {
        out.write(("{\"Name\":\"" + name + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      if (c.getResponseCode() == 400) {
        return java.util.Optional.empty();
      }
      try (var in = c.getInputStream()) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        return java.util.Optional.of(json.get("Parameter").get("Value").asText());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public List<String> buckets(String accountId) {
    return s3(accountId).listBuckets().buckets().stream().map(b -> b.name()).toList();
  }

  public int keyCount(String accountId) {
    return kms(accountId).listKeys().keys().size();
  }

  private <T extends AutoCloseable> T keep(T client) {
    open.add(client);
    return client;
  }

  @Override
  public void close() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a test client failed", e);
      }
    }
    http.close();
  }
}
