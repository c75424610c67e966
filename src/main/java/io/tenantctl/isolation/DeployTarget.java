package io.tenantctl.isolation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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
    return Partition.of(region).id();
  }

  /** {@code AWS::URLSuffix}. */
  public String urlSuffix() {
    return Partition.of(region).dnsSuffix();
  }

  /**
   * The partitions as the SDK's metadata has them (2.31): their ids, DNS suffixes and region name patterns. Read from
   * this table rather than the SDK's {@code PartitionMetadata}, whose first use loads the metadata of every AWS
   * service (some 360 classes, a third of {@code validate}'s start-up). A region no pattern matches is in {@code aws},
   * as the SDK places it.
   */
  record Partition(String id, String dnsSuffix, Pattern regions) {
    private static final List<Partition> ALL = List.of(
        new Partition("aws-us-gov", "amazonaws.com", Pattern.compile("^us-gov-\\w+-\\d+$")),
        new Partition("aws-cn", "amazonaws.com.cn", Pattern.compile("^cn-\\w+-\\d+$")),
        new Partition("aws-iso", "c2s.ic.gov", Pattern.compile("^us-iso-\\w+-\\d+$")),
        new Partition("aws-iso-b", "sc2s.sgov.gov", Pattern.compile("^us-isob-\\w+-\\d+$")),
        new Partition("aws-iso-e", "cloud.adc-e.uk", Pattern.compile("^eu-isoe-\\w+-\\d+$")),
        new Partition("aws-iso-f", "csp.hci.ic.gov", Pattern.compile("^us-isof-\\w+-\\d+$")),
        new Partition("aws-eusc", "amazonaws.eu", Pattern.compile("^eusc-(de)-\\w+-\\d+$")));
    private static final Partition AWS = new Partition("aws", "amazonaws.com", Pattern.compile(".*"));

    private static final Map<String, Partition> BY_REGION = new ConcurrentHashMap<>();

    static Partition of(String region) {
      return BY_REGION.computeIfAbsent(region,
          r -> ALL.stream().filter(p -> p.regions().matcher(r).matches()).findFirst().orElse(AWS));
    }
  }
}
