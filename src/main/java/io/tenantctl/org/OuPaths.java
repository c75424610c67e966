package io.tenantctl.org;

import io.tenantctl.cloud.Organization;
import io.tenantctl.core.Progress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves OU paths such as {@code /Tenants/Enterprise} to OU ids, creating missing levels on request. What is known
 * is answered without a lock, so tenants onboarded at the same time do not queue behind each other; walking and
 * creating are serialised, so an OU is never created twice by one run.
 */
public final class OuPaths {
  private final Organization org;
  private final Map<String, String> ids = new ConcurrentHashMap<>();
  private final Map<String, String> paths = new ConcurrentHashMap<>();
  /** Paths found missing in this run; forgotten whenever this run creates an OU. */
  private final Set<String> missing = ConcurrentHashMap.newKeySet();
  private volatile String root;

  public OuPaths(Organization org) {
    this.org = org;
  }

  /** The OU at {@code path}, if every level exists. */
  public Optional<String> find(String path) {
    String known = ids.get(path);
    if (known != null || missing.contains(path)) {
      return Optional.ofNullable(known);
    }
    synchronized (this) {
      Optional<String> found = resolve(path, false, Progress.NONE);
      if (found.isEmpty()) {
        missing.add(path);
      }
      return found;
    }
  }

  /** The OU at {@code path}, creating the levels that are missing. */
  public String ensure(String path, Progress progress) {
    String known = ids.get(path);
    if (known != null) {
      return known;
    }
    synchronized (this) {
      return resolve(path, true, progress).orElseThrow();
    }
  }

  /** The path of a root or OU id; the root is {@code /}. An unknown id costs one walk of the OU tree. */
  public Optional<String> pathOf(String id) {
    if (id.equals(root())) {
      return Optional.of("/");
    }
    String known = paths.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    synchronized (this) {
      if (!paths.containsKey(id)) {
        walk(root(), "");
      }
      return Optional.ofNullable(paths.get(id));
    }
  }

  private String root() {
    if (root == null) {
      root = org.rootId();
    }
    return root;
  }

  private void walk(String parentId, String parentPath) {
    for (var unit : org.childUnits(parentId)) {
      String path = parentPath + "/" + unit.name();
      ids.put(path, unit.id());
      paths.put(unit.id(), path);
      walk(unit.id(), path);
    }
  }

  private Optional<String> resolve(String path, boolean create, Progress progress) {
    String parent = root();
    StringBuilder at = new StringBuilder();
    for (String name : path.substring(1).split("/")) {
      at.append('/').append(name);
      String key = at.toString();
      String id = ids.get(key);
      if (id == null) {
        final String parentId = parent;
        id = org.childUnits(parentId).stream().filter(u -> u.name().equals(name)).map(Organization.OrgUnit::id)
            .findFirst().orElse(null);
        if (id == null) {
          if (!create) {
            return Optional.empty();
          }
          progress.step(key, "creating organizational unit");
          id = org.createUnit(parentId, name).id();
          missing.clear();
        }
        ids.put(key, id);
        paths.put(id, key);
      }
      parent = id;
    }
    return Optional.of(parent);
  }
}
