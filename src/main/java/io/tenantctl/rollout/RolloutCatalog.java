package io.tenantctl.rollout;

import io.tenantctl.rollout.Rollout.RolloutListing;
import io.tenantctl.state.Records;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rollouts of a fleet's state: their ids, and the index record of each ({@code rollouts/<id>}) that ls lists. */
final class RolloutCatalog {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
      .withZone(ZoneOffset.UTC);
  private static final String PREFIX = "rollouts/";

  private final Records records;
  private final Bakery time;

  RolloutCatalog(Records records, Bakery time) {
    this.records = records;
    this.time = time;
  }

  /** A new rollout's id, {@code r-20261123-1412-app}: the time it started and the stack, not {@code taken} so far. */
  String newId(String stack, java.util.function.Predicate<String> taken) {
    String base = "r-" + ID_TIME.format(time.now()) + "-" + stack.toLowerCase(Locale.ROOT);
    String id = base;
    for (int n = 2; taken.test(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  Optional<RolloutListing> listing(String id) {
    return records.get(key(id), RolloutListing.class);
  }

  void put(RolloutListing listing) {
    records.put(key(listing.id()), listing);
  }

  void remove(String id) {
    records.delete(key(id));
  }

  /** Every rollout, newest first. */
  List<RolloutListing> list() {
    List<RolloutListing> out = new ArrayList<>();
    for (String key : records.keys(PREFIX)) {
      if (key.indexOf('/', PREFIX.length()) < 0) {
        records.get(key, RolloutListing.class).ifPresent(out::add);
      }
    }
    out.sort(Comparator.comparing(RolloutListing::started).thenComparing(RolloutListing::id).reversed());
    return out;
  }

  /** Where rollout {@code id} keeps its documents: the index record, and below it its previous templates. */
  static String key(String id) {
    return PREFIX + id;
  }
}
