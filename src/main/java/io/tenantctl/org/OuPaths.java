package io.tenantctl.org;

import io.tenantctl.cloud.Organization;
import io.tenantctl.core.Progress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Resolves OU paths such as {@code /Tenants/Enterprise} to OU ids, creating missing levels on request. */
public final class OuPaths {
  private final Organization org;
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> paths = new HashMap<>();

  public OuPaths(Organization org) {
    this.org = org;
  }

  /** The OU at {@code path}, if every level exists. */
  public synchronized Optional<String> find(String path) {
    return resolve(path, false, Progress.NONE);
  }

  /** The OU at {@code path}, creating the levels that are missing. */
  public synchronized String ensure(String path, Progress progress) {
    return resolve(path, true, progress).orElseThrow();
  }

  /** The path of a root or OU id; the root is {@code /}. An unknown id costs one walk of the OU tree. */
  public synchronized Optional<String> pathOf(String id) {
    if (id.equals(org.rootId())) {
      return Optional.of("/");
    }
    if (!paths.containsKey(id)) {
      walk(org.rootId(), "");
    }
    return Optional.ofNullable(paths.get(id));
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
    String parent = org.rootId();
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
        }
        ids.put(key, id);
        paths.put(id, key);
      }
      parent = id;
    }
    return Optional.of(parent);
  }
}
