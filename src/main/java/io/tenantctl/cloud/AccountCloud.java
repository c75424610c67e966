package io.tenantctl.cloud;

/** One account's services. */
public interface AccountCloud {

  String accountId();

  /** Proves the credentials work: for an assumed role, the first call that assumes it. */
  Cloud.CallerIdentity verify();

  Stacks stacks(String region);

  /** The account's role trust policies and resource policies, as its deploy role sees them. */
  PolicyReader policies(String region);

  /** The account's CloudWatch alarms in {@code region}. */
  Alarms alarms(String region);
}
