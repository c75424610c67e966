package io.tenantctl.offboard;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.Stacks;
import io.tenantctl.core.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a tenant's stacks in reverse order and checks that nothing they made is left: each stack's physical
 * resources are listed first, and whatever still stands afterwards is reported. Termination protection, which
 * tenantctl turns on for every stack, is turned off here deliberately, and only here.
 */
public final class StackTeardown {

  /** What deleting the stacks came to: the stacks gone, and what is left (empty when clean). */
  public record Result(List<String> deleted, List<String> leftovers) {
    public boolean clean() {
      return leftovers.isEmpty();
    }
  }

  /** @param stackNames in deployment order; deleted last first */
  public Result teardown(Stacks stacks, List<String> stackNames, String subject, Progress progress) {
    List<String> deleted = new ArrayList<>();
    List<String> leftovers = new ArrayList<>();
    for (int i = stackNames.size() - 1; i >= 0; i--) {
      String name = stackNames.get(i);
      try {
        if (stacks.describe(name).isEmpty()) {
          continue;
        }
        List<Stacks.StackResource> made = stacks.resources(name);
        progress.step(subject, "deleting stack " + name + " (" + made.size() + " resource"
            + (made.size() == 1 ? "" : "s") + "); turning its termination protection off");
        try {
          stacks.protect(name, false);
        } catch (CloudException e) {
          // moto answers UpdateTerminationProtection with HTTP 500 and does not enforce protection; on AWS a
          // stack still protected refuses the delete below, which is then reported as left over
          progress.step(subject, "could not turn termination protection of " + name + " off (" + e.getMessage()
              + "); deleting anyway");
        }
        stacks.delete(name, e -> { });
        var after = stacks.describe(name);
        if (after.isEmpty()) {
          deleted.add(name);
          continue;
        }
        // DELETE_FAILED: the stack stands with what it could not delete
        List<Stacks.StackResource> left = stacks.resources(name).stream()
            .filter(r -> !"DELETE_COMPLETE".equals(r.status())).toList();
        leftovers.add("stack " + name + " is " + after.get().status() + after.get().statusReason().map(r -> " (" + r
            + ")").orElse("") + "; left: " + String.join(", ", left.stream().map(r -> r.type() + " "
                + (r.physicalId().isEmpty() ? r.logicalId() : r.physicalId())).toList()));
        break;
      } catch (CloudException e) {
        leftovers.add("stack " + name + " could not be deleted: " + e.getMessage());
        break;
      }
    }
    return new Result(deleted, leftovers);
  }
}
