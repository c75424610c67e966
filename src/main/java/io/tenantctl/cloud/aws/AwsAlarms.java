package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.Alarms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * CloudWatch {@code DescribeAlarms} by names and by prefix, through the SDK's paginator: metric and composite
 * alarms, since AWS returns only metric alarms unless asked for both (a gate on a composite alarm would otherwise
 * find nothing, and fail closed on every read).
 */
final class AwsAlarms implements Alarms {
  private final CloudWatchClient cw;

  AwsAlarms(CloudWatchClient cw) {
    this.cw = cw;
  }

  @Override
  public List<Alarm> describe(List<String> names, Optional<String> prefix) {
    Map<String, Alarm> found = new LinkedHashMap<>();
    // AWS takes names or a prefix in one call, not both, and at most 100 names
    for (int i = 0; i < names.size(); i += 100) {
      List<String> batch = names.subList(i, Math.min(names.size(), i + 100));
      read(request(r -> r.alarmNames(batch)), found);
    }
    prefix.filter(p -> !p.isEmpty()).ifPresent(p -> read(request(r -> r.alarmNamePrefix(p)), found));
    return new ArrayList<>(found.values());
  }

  @Override
  public boolean set(String name, State state, String reason) {
    boolean missing = describe(List.of(name), Optional.empty()).isEmpty();
    if (missing) {
      AwsCalls.run("CloudWatch PutMetricAlarm " + name, () -> cw.putMetricAlarm(a -> a.alarmName(name)
          .namespace("tenantctl/emulator").metricName(name).statistic(Statistic.SUM).period(60).evaluationPeriods(1)
          .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
          .treatMissingData("notBreaching")));
    }
    AwsCalls.run("CloudWatch SetAlarmState " + name, () -> cw.setAlarmState(s -> s.alarmName(name)
        .stateValue(StateValue.fromValue(state.name())).stateReason(reason)));
    return missing;
  }

  private void read(DescribeAlarmsRequest request, Map<String, Alarm> found) {
    AwsCalls.call("CloudWatch DescribeAlarms", () -> {
      for (DescribeAlarmsResponse page : cw.describeAlarmsPaginator(request)) {
        alarms(page).forEach(a -> found.put(a.name(), a));
      }
      return null;
    });
  }

  /** A request for both kinds of alarm, narrowed by {@code which}. */
  static DescribeAlarmsRequest request(java.util.function.Consumer<DescribeAlarmsRequest.Builder> which) {
    DescribeAlarmsRequest.Builder b = DescribeAlarmsRequest.builder()
        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM);
    which.accept(b);
    return b.build();
  }

  /** The metric and the composite alarms of one page. */
  static List<Alarm> alarms(DescribeAlarmsResponse page) {
    List<Alarm> out = new ArrayList<>();
    page.metricAlarms().forEach(a -> out.add(new Alarm(a.alarmName(), state(a.stateValue()))));
    page.compositeAlarms().forEach(a -> out.add(new Alarm(a.alarmName(), state(a.stateValue()))));
    return out;
  }

  private static State state(StateValue v) {
    return v == StateValue.ALARM ? State.ALARM : v == StateValue.OK ? State.OK : State.INSUFFICIENT_DATA;
  }

  void close() {
    cw.close();
  }
}
