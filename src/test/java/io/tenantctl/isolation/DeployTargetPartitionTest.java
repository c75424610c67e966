package io.tenantctl.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/** tenantctl's own partition table answers as the SDK's metadata does, for known regions and unknown ones. */
class DeployTargetPartitionTest {
  @ParameterizedTest
  @CsvSource({"us-east-1", "eu-central-2", "il-central-1", "mx-central-1", "ap-southeast-7", "cn-north-1",
      "cn-northwest-1", "us-gov-west-1", "us-gov-east-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1",
      "us-isof-south-1", "eusc-de-east-1", "xx-foo-9", "cn-foo-3", "us-gov-foo-2", "us-isob-foo-1", "us-isof-foo-1"})
  void sameAsTheSdk(String region) {
    var target = new DeployTarget("111111111111", region, "s");
    PartitionMetadata sdk = PartitionMetadata.of(Region.of(region));
    assertEquals(sdk.id(), target.partition(), region);
    assertEquals(sdk.dnsSuffix(), target.urlSuffix(), region);
  }
}
