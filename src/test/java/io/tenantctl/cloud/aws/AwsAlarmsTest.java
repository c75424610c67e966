package io.tenantctl.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tenantctl.cloud.Alarms;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * What is asked of CloudWatch and read back. AWS returns composite alarms only when asked for them; the emulator
 * returns both kinds whatever is asked and cannot make a composite alarm, so this side is tested here.
 */
class AwsAlarmsTest {

  @Test
  void bothKindsOfAlarmAreAskedFor() {
    var byName = AwsAlarms.request(r -> r.alarmNames("app-5xx"));
    assertEquals(List.of(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM), byName.alarmTypes());
    assertEquals(List.of("app-5xx"), byName.alarmNames());
    var byPrefix = AwsAlarms.request(r -> r.alarmNamePrefix("app-"));
    assertEquals(List.of(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM), byPrefix.alarmTypes());
    assertEquals("app-", byPrefix.alarmNamePrefix());
  }

  @Test
  void aCompositeAlarmIsReadAsAMetricAlarmIs() {
    var page = DescribeAlarmsResponse.builder()
        .metricAlarms(MetricAlarm.builder().alarmName("app-5xx").stateValue(StateValue.OK).build(),
            MetricAlarm.builder().alarmName("app-latency").stateValue(StateValue.INSUFFICIENT_DATA).build())
        .compositeAlarms(CompositeAlarm.builder().alarmName("app-health").stateValue(StateValue.ALARM).build())
        .build();
    assertEquals(List.of(new Alarms.Alarm("app-5xx", Alarms.State.OK),
        new Alarms.Alarm("app-latency", Alarms.State.INSUFFICIENT_DATA),
        new Alarms.Alarm("app-health", Alarms.State.ALARM)), AwsAlarms.alarms(page));
  }
}
