package io.tenantctl.isolation;

import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Where a template is about to be deployed: the values of its pseudo-parameters.
 *
 * @param accountId {@code AWS::AccountId}; a tenant's or production's account
 * @param region    {@code AWS::Region}
 * @param stackName {@code AWS::StackName}
 */
public record DeployTarget(String accountId, String region, String stackName) {

  /** {@code AWS::Partition}: China, GovCloud and the isolated regions have partitions of their own. */
  public String partition() {
    return partitionMetadata().id();
  }

  /** {@code AWS::URLSuffix}. */
  public String urlSuffix() {
    return partitionMetadata().dnsSuffix();
  }

  /** The SDK's partition metadata; a region it does not know yet is placed by its partition's name pattern. */
  private PartitionMetadata partitionMetadata() {
    return PartitionMetadata.of(Region.of(region));
  }
}
