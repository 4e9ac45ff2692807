package dev.securechat.server.cluster;

import dev.securechat.server.auth.AuthSettings;
import dev.securechat.server.auth.LoginLimiter;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Failed-login counts shared by every node through Redis, so that a load balancer spreading one
 * attacker's attempts over N nodes does not give N times the attempts. Called on the auth executor,
 * where waiting for Redis is allowed. Every failure is also counted in this node's memory, which
 * answers alone while Redis is away: the limits then hold per node, as without a cluster.
 */
final class SharedLoginLimiter implements LoginLimiter {
  /** An address or name forgotten an hour after its last failure, as in memory. */
  static final Duration FORGET = Duration.ofHours(1);

  private final RedisLink redis;
  private final ClusterKeys keys;
  private final AuthSettings settings;
  private final LoginLimiter local;

  SharedLoginLimiter(RedisLink redis, ClusterKeys keys, AuthSettings settings, LoginLimiter local) {
    this.redis = redis;
    this.keys = keys;
    this.settings = settings;
    this.local = local;
  }

  @Override
  public Optional<Duration> lockedFor(String username, String address) {
    Long millis =
        await(
            "login lockout check",
            redis.<Long>eval(
                LeaseScripts.LOGIN_LOCKED,
                ScriptOutputType.INTEGER,
                new String[] {keys.failedLoginsOfUser(username), keys.failedLoginsFrom(address)}));
    if (millis == null) {
      return local.lockedFor(username, address);
    }
    return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
  }

  @Override
  public Optional<Duration> lockedFor(String address) {
    Long millis =
        await(
            "address lockout check",
            redis.<Long>eval(
                LeaseScripts.LOGIN_LOCKED,
                ScriptOutputType.INTEGER,
                new String[] {keys.failedLoginsFrom(address)}));
    if (millis == null) {
      return local.lockedFor(address);
    }
    return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
  }

  @Override
  public Optional<Duration> recordFailure(String username, String address) {
    Optional<Duration> here = local.recordFailure(username, address);
    List<Object> lockouts =
        await(
            "failed login count",
            redis.<List<Object>>eval(
                LeaseScripts.LOGIN_FAILED,
                ScriptOutputType.MULTI,
                new String[] {keys.failedLoginsOfUser(username), keys.failedLoginsFrom(address)},
                Integer.toString(settings.freeUserFailures()),
                Integer.toString(settings.freeAddressFailures()),
                Long.toString(settings.maxLockout().toMillis()),
                Long.toString(FORGET.toMillis())));
    if (lockouts == null) {
      return here;
    }
    long longest = -1;
    for (Object lockout : lockouts) {
      longest = Math.max(longest, ((Number) lockout).longValue());
    }
    return longest >= 0 ? Optional.of(Duration.ofMillis(longest)) : Optional.empty();
  }

  @Override
  public void recordSuccess(String username) {
    local.recordSuccess(username);
    await("failed login reset", redis.del(keys.failedLoginsOfUser(username)));
  }

  @Override
  public void forgetOld() {
    local.forgetOld(); // Redis forgets by itself: every key expires.
  }

  /** The result, or null (logged) when Redis does not answer in time. */
  private <T> T await(String what, CompletableFuture<T> call) {
    return redis.awaitOrNull(what, call, RedisLink.COMMAND_TIMEOUT.toMillis());
  }
}
