package dev.securechat.server.cluster;

/**
 * The names of everything the cluster keeps in Redis, all under one prefix ({@code [Cluster]
 * key_prefix}), so several clusters, or tests, can share a Redis. The Lua scripts build the same
 * names from the prefix; {@link LeaseScripts} documents the layout.
 */
record ClusterKeys(String prefix) {

  /** {@code <prefix>:user:<name>} = {@code "<node> <sessionNo>"}, expiring with the lease. */
  String user(String username) {
    return prefix + ":user:" + username;
  }

  /** Sorted set of online users, scored by the time (Redis clock, ms) their lease runs out. */
  String online() {
    return prefix + ":online";
  }

  /** Hash: node id -> {@code "<last heartbeat ms> <sessions> <version>"}. */
  String nodes() {
    return prefix + ":nodes";
  }

  /** Pub/sub channel of one node: direct-message notices and close requests for it. */
  String nodeChannel(String node) {
    return prefix + ":node:" + node;
  }

  /** Pub/sub channel every node listens to: broadcast notices and presence changes. */
  String clusterChannel() {
    return prefix + ":cluster";
  }

  /** Hash of failed logins for a username: {@code count}, {@code until} (ms). */
  String failedLoginsOfUser(String username) {
    return prefix + ":throttle:user:" + username;
  }

  /** Hash of failed logins from an address. */
  String failedLoginsFrom(String address) {
    return prefix + ":throttle:addr:" + address;
  }
}
