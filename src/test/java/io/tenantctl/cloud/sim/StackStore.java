package io.tenantctl.cloud.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stacks of one account and region, live and deleted. Its monitor guards every {@link SimStack} in it. */
final class StackStore {
  final String accountId;
  final String region;
  private final SimIds ids;
  private final Map<String, SimStack> live = new LinkedHashMap<>();
  private final List<SimStack> deleted = new ArrayList<>();

  StackStore(String accountId, String region, SimIds ids) {
    this.accountId = accountId;
    this.region = region;
    this.ids = ids;
  }

  synchronized Optional<SimStack> find(String name) {
    return Optional.ofNullable(live.get(name));
  }

  synchronized SimStack add(String name, io.tenantctl.cloud.Stacks.StackStatus status) {
    SimStack s = new SimStack(name, "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + name + "/"
        + ids.stackUuid(), accountId, region, status);
    live.put(name, s);
    return s;
  }

  synchronized void remove(SimStack s) {
    s.deleted = true;
    live.remove(s.name);
    deleted.add(s);
  }

  synchronized List<SimStack> all() {
    List<SimStack> out = new ArrayList<>(deleted);
    out.addAll(live.values());
    return out;
  }
}
