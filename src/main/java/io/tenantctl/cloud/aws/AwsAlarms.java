package io.tenantctl.cloud.aws;

import io.tenantctl.cloud.Alarms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** CloudWatch {@code DescribeAlarms} by names and by prefix, through the SDK's paginator. */
final class AwsAlarms implements Alarms {
  private final CloudWatchClient cw;

  AwsAlarms(CloudWatchClient cw) {
    this.cw = cw;
  }

  @Override
  public List<Alarm> describe(List<String> names, Optional<String> prefix) {
    Map<String, Alarm> found = new LinkedHashMap<>();
    if (!names.isEmpty()) {
      // DescribeAlarms takes at most 100 names per call
      for (int i = 0; i < names.size(); i += 100) {
        List<String> batch = names.subList(i, Math.min(names.size(), i + 100));
        AwsCalls.call("CloudWatch DescribeAlarms", () -> {
          cw.describeAlarmsPaginator(r -> r.alarmNames(batch)).metricAlarms().forEach(a -> found.put(a.alarmName(),
              alarm(a)));
          return null;
        });
      }
    }
    prefix.filter(p -> !p.isEmpty()).ifPresent(p -> AwsCalls.call("CloudWatch DescribeAlarms", () -> {
      cw.describeAlarmsPaginator(r -> r.alarmNamePrefix(p)).metricAlarms().forEach(a -> found.put(a.alarmName(),
          alarm(a)));
      return null;
    }));
    return new ArrayList<>(found.values());
  }

  private static Alarm alarm(MetricAlarm a) {
    StateValue v = a.stateValue();
    State state = v == StateValue.ALARM ? State.ALARM : v == StateValue.OK ? State.OK : State.INSUFFICIENT_DATA;
    return new Alarm(a.alarmName(), state);
  }

  void close() {
    cw.close();
  }
}
