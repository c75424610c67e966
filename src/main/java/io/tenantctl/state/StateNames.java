package io.tenantctl.state;

import java.util.regex.Pattern;

/** What every backend accepts as a journal name, a lock name and a record key: the same on files and in a table. */
public final class StateNames {
  private StateNames() {}

  private static final Pattern JOURNAL = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern LOCK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
  private static final Pattern RECORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*(/[A-Za-z0-9][A-Za-z0-9._@-]*)*");

  public static String journal(String name) {
    if (!JOURNAL.matcher(name).matches()) {
      throw new IllegalArgumentException("not a journal name: " + name);
    }
    return name;
  }

  public static String lock(String name) {
    if (!LOCK.matcher(name).matches()) {
      throw new IllegalArgumentException("not a lock name: " + name);
    }
    return name;
  }

  /** Refuses to open journal {@code name}, which holds {@code held}, as a journal of {@code wanted}. */
  public static void sameEvents(String name, Class<?> held, Class<?> wanted) {
    if (held != wanted) {
      throw new IllegalArgumentException("journal " + name + " holds " + held.getSimpleName() + ", not "
          + wanted.getSimpleName());
    }
  }

  public static String record(String key) {
    if (!RECORD.matcher(key).matches() || key.contains("..")) {
      throw new IllegalArgumentException("not a record key: " + key);
    }
    return key;
  }
}
