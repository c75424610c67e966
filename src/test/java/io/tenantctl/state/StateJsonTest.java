package io.tenantctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tenantctl.rollout.RolloutEvent;
import org.junit.jupiter.api.Test;

/** The state's JSON: one mapper per kind, shared, so a type is learnt once a process and not once a store. */
class StateJsonTest {

  @Test
  void mappersAreSharedAndEachEventFamilyHasItsOwn() throws Exception {
    assertSame(StateJson.mapper(), StateJson.mapper());
    assertSame(StateJson.mapperFor(RolloutEvent.class), StateJson.mapperFor(RolloutEvent.class));
    assertNotSame(StateJson.mapper(), StateJson.mapperFor(RolloutEvent.class));
    assertNotSame(StateJson.mapperFor(LockEvent.class), StateJson.mapperFor(RolloutEvent.class));
    // the plain mapper is not changed by the event mappers made from the same settings
    assertEquals("{\"wave\":\"canary\"}",
        StateJson.mapper().writeValueAsString(new RolloutEvent.WaveStarted("canary")));
    assertEquals("{\"type\":\"wave-started\",\"wave\":\"canary\"}",
        StateJson.mapperFor(RolloutEvent.class).writerFor(RolloutEvent.class)
            .writeValueAsString(new RolloutEvent.WaveStarted("canary")));
  }
}
