package io.tenantctl.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.Stacks;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * A stack left CREATE_IN_PROGRESS (what the emulator does after a failed CreateStack): on the emulator it is taken
 * for failed once it has not moved for the limit, with a message naming the emulator; on AWS it is waited for. Time is
 * a fake clock that each DescribeStacks moves on by ten seconds: nothing here waits.
 */
class EmulatorStuckStackTest {
  private static final Duration POLL = Duration.ofSeconds(10);

  /** A stack in progress for {@code polls} DescribeStacks, then CREATE_COMPLETE; a new event every poll if asked. */
  private static final class SlowStack implements CloudFormationClient {
    final AtomicLong nanos = new AtomicLong();
    final AtomicInteger described = new AtomicInteger();
    final int polls;
    final boolean eventEveryPoll;
    final List<StackEvent> events = new ArrayList<>();

    SlowStack(int polls, boolean eventEveryPoll) {
      this.polls = polls;
      this.eventEveryPoll = eventEveryPoll;
    }

    @Override
    public DescribeStacksResponse describeStacks(DescribeStacksRequest request) {
      int n = described.incrementAndGet();
      nanos.addAndGet(POLL.toNanos());
      return DescribeStacksResponse.builder().stacks(Stack.builder().stackName("tenantctl-acme-app").stackId("id-1")
          .stackStatus(n > polls ? "CREATE_COMPLETE" : "CREATE_IN_PROGRESS").build()).build();
    }

    @Override
    public DescribeStackEventsResponse describeStackEvents(DescribeStackEventsRequest request) {
      if (eventEveryPoll) {
        events.add(0, StackEvent.builder().eventId("e" + events.size()).logicalResourceId("Bucket")
            .resourceType("AWS::S3::Bucket").resourceStatus("CREATE_IN_PROGRESS")
            .timestamp(Instant.EPOCH.plusSeconds(events.size())).build());
      }
      return DescribeStackEventsResponse.builder().stackEvents(events).build();
    }

    @Override
    public String serviceName() {
      return "cloudformation";
    }

    @Override
    public void close() {}
  }

  private static AwsSettings settings(Optional<URI> endpoint, Optional<String> profile) {
    AwsSettings s = AwsSettings.of("us-east-1", profile, endpoint);
    // no real delay between polls: the fake clock is what moves
    return new AwsSettings(s.region(), s.profile(), s.endpoint(), s.staticKeys(), s.http(), s.apiCallTimeout(),
        s.apiCallAttemptTimeout(), s.maxAttempts(), Duration.ZERO, s.pollTimeout(), s.callLog(), s.retryLog(),
        s.stuckAfter());
  }

  private static final Optional<URI> EMULATOR = Optional.of(URI.create("http://127.0.0.1:5000"));

  @Test
  void onTheEmulatorAStackUnmovedForTheLimitIsTakenForFailedNamingTheEmulator() {
    // in progress for almost three hours of fake time, then complete: the emulator would never get there
    SlowStack client = new SlowStack(1000, false);
    AwsSettings emulator = settings(EMULATOR, Optional.empty());
    assertTrue(emulator.emulator());
    assertEquals(Optional.of(Duration.ofSeconds(60)), emulator.stuckAfter(), "60 s unless told otherwise");
    var stacks = new AwsStacks(client, emulator, client.nanos::get);

    var e = assertThrows(CloudException.class, () -> stacks.awaitSettled("tenantctl-acme-app", ev -> { }));
    assertTrue(e.getMessage().contains("stack tenantctl-acme-app has stayed CREATE_IN_PROGRESS for 60 s with no new"
        + " event"), e.getMessage());
    assertTrue(e.getMessage().contains("the local emulator (moto) can leave a stack whose operation failed in progress"
        + " for good"), e.getMessage());
    assertTrue(e.fix().orElseThrow().contains("delete the stack on the emulator"), e.fix().orElseThrow());
    assertTrue(client.described.get() < 12, "gave up after about a minute of fake time: " + client.described.get());
  }

  @Test
  void theLimitIsConfigurableForTests() {
    SlowStack client = new SlowStack(1000, false);
    var stacks = new AwsStacks(client, settings(EMULATOR, Optional.empty()).withStuckAfter(Duration.ofSeconds(20)),
        client.nanos::get);
    var e = assertThrows(CloudException.class, () -> stacks.awaitSettled("tenantctl-acme-app", ev -> { }));
    assertTrue(e.getMessage().contains("for 20 s"), e.getMessage());
  }

  @Test
  void onTheEmulatorAStackThatKeepsMovingIsWaitedFor() {
    // twenty minutes in progress, but with a new event at every poll
    SlowStack client = new SlowStack(120, true);
    var stacks = new AwsStacks(client, settings(EMULATOR, Optional.empty()), client.nanos::get);
    assertEquals(Stacks.StackStatus.CREATE_COMPLETE,
        stacks.awaitSettled("tenantctl-acme-app", ev -> { }).orElseThrow().status());
  }

  @Test
  void onAwsAStackInProgressIsWaitedForHoweverStillItIs() {
    // twenty minutes without an event or a change of status: AWS takes what it takes
    SlowStack client = new SlowStack(120, false);
    AwsSettings aws = settings(Optional.empty(), Optional.empty());
    assertEquals(Optional.empty(), aws.stuckAfter());
    var stacks = new AwsStacks(client, aws.withStuckAfter(Duration.ofSeconds(20)), client.nanos::get);
    assertEquals(Stacks.StackStatus.CREATE_COMPLETE,
        stacks.awaitSettled("tenantctl-acme-app", ev -> { }).orElseThrow().status());
    assertEquals(121, client.described.get());
  }

  @Test
  void anEndpointReachedWithAProfileIsAwsNotTheEmulator() {
    // a VPC endpoint, say: the same stillness is waited for
    SlowStack client = new SlowStack(120, false);
    AwsSettings vpc = settings(Optional.of(URI.create("https://cloudformation.vpce.example.com")), Optional.of("ops"));
    assertEquals(Optional.empty(), vpc.stuckAfter());
    var stacks = new AwsStacks(client, vpc, client.nanos::get);
    assertEquals(Stacks.StackStatus.CREATE_COMPLETE,
        stacks.awaitSettled("tenantctl-acme-app", ev -> { }).orElseThrow().status());
  }
}
