package io.tenantctl.isolation;

/**
 * Where a template is about to be deployed: the values of its pseudo-parameters.
 *
 * @param accountId {@code AWS::AccountId}; a tenant's or production's account
 * @param region    {@code AWS::Region}
 * @param stackName {@code AWS::StackName}
 */
public record DeployTarget(String accountId, String region, String stackName) {

  /** {@code AWS::Partition}: China and GovCloud regions have partitions of their own. */
  public String partition() {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  /** {@code AWS::URLSuffix}. */
  public String urlSuffix() {
    return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  }
}
