package io.tenantctl.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the live policies of one account that decide who may reach into it. */
public interface PolicyReader {

  /** Every IAM role's trust policy. */
  List<LivePolicy> roleTrustPolicies();

  /** Every S3 bucket's policy; buckets without one are left out. */
  List<LivePolicy> bucketPolicies();

  /** Every KMS key's default key policy. */
  List<LivePolicy> keyPolicies();

  default List<LivePolicy> all() {
    List<LivePolicy> all = new ArrayList<>(roleTrustPolicies());
    all.addAll(bucketPolicies());
    all.addAll(keyPolicies());
    return all;
  }

  /**
   * @param resourceKind a CloudFormation-style type, e.g. {@code AWS::IAM::Role}
   * @param resourceName the role name, bucket name or key id
   * @param document     the policy as JSON; empty when the service answered without one
   */
  record LivePolicy(String resourceKind, String resourceName, Optional<String> document) {}
}
