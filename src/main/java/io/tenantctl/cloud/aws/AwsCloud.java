package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.AccountCloud;
import io.tenantctl.cloud.Cloud;
import io.tenantctl.cloud.Guardrails;
import io.tenantctl.cloud.Organization;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** {@link Cloud} on the AWS SDK for Java v2. One HTTP client for all; one SDK client per service, account, region. */
public final class AwsCloud implements Cloud {
  private final AwsSettings settings;
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final StsClient sts;
  private final Map<String, AwsAccountCloud> accounts = new ConcurrentHashMap<>();
  /** What the emulator was found to lack in this run, shared by every client of the run. */
  private final EmulatorGaps gaps = new EmulatorGaps();
  private volatile AwsOrganization organization;
  private volatile CallerIdentity caller;
  private final java.util.List<software.amazon.awssdk.services.dynamodb.DynamoDbClient> dynamoDbs =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public AwsCloud(AwsSettings settings) {
    this.settings = settings;
    this.http = new RefusedFast(settings.http().apply(UrlConnectionHttpClient.builder()
        .connectionTimeout(java.time.Duration.ofSeconds(5))
        .socketTimeout(settings.apiCallAttemptTimeout())
        .build()));
    this.credentials = settings.staticKeys()
        .<AwsCredentialsProvider>map(k -> StaticCredentialsProvider.create(
            AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey())))
        .orElseGet(() -> settings.profile()
            .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
            .orElseGet(DefaultCredentialsProvider::create));
    this.sts = configure(StsClient.builder(), credentials, settings.region()).build();
  }

  /** Applies what every client shares: HTTP client, timeouts, retries, region, endpoint. */
  <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, AwsCredentialsProvider creds, String region) {
    return configure(builder, creds, region, settings.maxAttempts());
  }

  /** The same, with its own number of attempts: an optional read with a fallback should not wait out ten. */
  <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, AwsCredentialsProvider creds, String region, int maxAttempts) {
    var override = ClientOverrideConfiguration.builder();
    settings.callLog().ifPresent(sink -> override.addExecutionInterceptor(new CallLog(sink)));
    settings.endpoint().ifPresent(e -> override.addExecutionInterceptor(gaps));
    settings.retryLog().ifPresent(sink -> override.addExecutionInterceptor(new RetryNotice(sink, settings.maxAttempts())));
    builder.httpClient(http)
        .credentialsProvider(creds)
        .region(Region.of(region))
        .overrideConfiguration(override
            .apiCallTimeout(settings.apiCallTimeout())
            .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                // many tenants share one throttled account API; keep retrying rather than fail fast
                .circuitBreakerEnabled(false)
                .build())
            .build());
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  AwsSettings settings() {
    return settings;
  }

  StsClient sts() {
    return sts;
  }

  @Override
  public CallerIdentity caller() {
    if (caller == null) {
      var id = AwsCalls.call("STS GetCallerIdentity", sts::getCallerIdentity);
      caller = new CallerIdentity(id.account(), id.arn());
    }
    return caller;
  }

  @Override
  public Organization organization() {
    if (organization == null) {
      // Organizations has one endpoint, in us-east-1 for the aws partition
      organization = new AwsOrganization(configure(OrganizationsClient.builder(), credentials, "us-east-1").build(),
          // the quota is read once, and the fleet file's accountQuota stands in when it cannot be
          configure(software.amazon.awssdk.services.servicequotas.ServiceQuotasClient.builder(), credentials,
              "us-east-1", 2).build());
    }
    return organization;
  }

  @Override
  public Guardrails guardrails() {
    organization();
    return new AwsGuardrails(organization.client());
  }

  @Override
  public AccountCloud account(String accountId, DeployRoleRef role) {
    return accounts.computeIfAbsent(accountId + "/" + role.name(),
        k -> AwsAccountCloud.assumed(this, accountId, role));
  }

  /**
   * A DynamoDB client in {@code region} for the state table, built as every other client (HTTP client, credentials,
   * endpoint, timeouts, retries); closed with this cloud.
   */
  public software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb(String region) {
    var client = configure(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(), credentials, region)
        .build();
    dynamoDbs.add(client);
    return client;
  }

  @Override
  public void close() {
    dynamoDbs.forEach(software.amazon.awssdk.services.dynamodb.DynamoDbClient::close);
    accounts.values().forEach(AwsAccountCloud::close);
    if (organization != null) {
      organization.close();
    }
    sts.close();
    http.close();
  }
}
