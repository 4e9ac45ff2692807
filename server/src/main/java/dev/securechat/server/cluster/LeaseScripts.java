package dev.securechat.server.cluster;

/**
 * The cluster's Redis operations, each one Lua script so that a lookup and what follows from it
 * happen atomically and in one round trip. Times are Redis' own clock ({@code TIME}), so the nodes'
 * clocks need not agree. Keys and channels follow {@link ClusterKeys}; ARGV[1] is always the key
 * prefix. The scripts touch keys they build from the prefix, which a single Redis (with or without
 * replicas) allows and Redis Cluster does not: the cluster needs one Redis, not a sharded one.
 */
final class LeaseScripts {
  private LeaseScripts() {}

  private static final String NOW =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n";

  /**
   * Claims or renews leases. KEYS[1] = online set; ARGV = prefix, node, lease ms, then pairs of
   * user and session number. A user whose record names a newer session is left alone and returned
   * as stale; an older session on another node is told to close; a user without a record is
   * returned as revived (notices for it may have been lost) and, if new to the online set,
   * announced. Returns {stale users, revived users}.
   */
  static final LuaScript CLAIM =
      LuaScript.of(
          "claim",
          NOW
              + """
              local prefix, node, lease = ARGV[1], ARGV[2], tonumber(ARGV[3])
              local stale, revived = {}, {}
              for i = 4, #ARGV, 2 do
                local user, session = ARGV[i], tonumber(ARGV[i + 1])
                local key = prefix .. ':user:' .. user
                local cur = redis.call('GET', key)
                local curNode, curSession = nil, -1
                if cur then
                  local sp = string.find(cur, ' ', 1, true)
                  curNode = string.sub(cur, 1, sp - 1)
                  curSession = tonumber(string.sub(cur, sp + 1))
                end
                if curSession > session then
                  stale[#stale + 1] = user
                else
                  if cur and curSession < session and curNode ~= node then
                    redis.call('PUBLISH', prefix .. ':node:' .. curNode,
                      'close ' .. user .. ' ' .. session)
                  end
                  if not cur then
                    revived[#revived + 1] = user
                  end
                  redis.call('SET', key, node .. ' ' .. session, 'PX', lease)
                  if redis.call('ZADD', KEYS[1], now + lease, user) == 1 then
                    redis.call('PUBLISH', prefix .. ':cluster', 'online ' .. user .. ' ' .. node)
                  end
                end
              end
              return {stale, revived}
              """);

  /**
   * Ends a lease if it is still this session's. KEYS[1] = online set; ARGV = prefix, node, user,
   * session number. Returns 1 when it ended one (and announced the user offline), else 0.
   */
  static final LuaScript RELEASE =
      LuaScript.of(
          "release",
          """
          local key = ARGV[1] .. ':user:' .. ARGV[3]
          if redis.call('GET', key) == ARGV[2] .. ' ' .. ARGV[4] then
            redis.call('DEL', key)
            redis.call('ZREM', KEYS[1], ARGV[3])
            redis.call('PUBLISH', ARGV[1] .. ':cluster', 'offline ' .. ARGV[3] .. ' ' .. ARGV[2])
            return 1
          end
          return 0
          """);

  /**
   * Announces the users whose lease ran out (a dead node's, or one cut off from Redis) as offline,
   * once: whichever node removes a user from the online set announces it. KEYS[1] = online set;
   * ARGV = prefix. Returns how many were removed.
   */
  static final LuaScript SWEEP =
      LuaScript.of(
          "sweep",
          NOW
              + """
              local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1000)
              local removed = 0
              for _, user in ipairs(expired) do
                if redis.call('EXISTS', ARGV[1] .. ':user:' .. user) == 0 then
                  redis.call('ZREM', KEYS[1], user)
                  redis.call('PUBLISH', ARGV[1] .. ':cluster', 'offline ' .. user .. ' -')
                  removed = removed + 1
                end
              end
              return removed
              """);

  /** The users whose lease has not run out. KEYS[1] = online set; ARGV = prefix. */
  static final LuaScript ONLINE =
      LuaScript.of("online", NOW + "return redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')\n");

  /**
   * Tells each user's node that direct messages are committed up to a queue number. ARGV = prefix,
   * then pairs of user and qseq. A user without a lease is skipped: it is offline, or its node
   * polls. Returns how many notices were published.
   */
  static final LuaScript NOTIFY =
      LuaScript.of(
          "notify",
          """
          local sent = 0
          for i = 2, #ARGV, 2 do
            local cur = redis.call('GET', ARGV[1] .. ':user:' .. ARGV[i])
            if cur then
              local node = string.sub(cur, 1, string.find(cur, ' ', 1, true) - 1)
              redis.call('PUBLISH', ARGV[1] .. ':node:' .. node,
                'direct ' .. ARGV[i] .. ' ' .. ARGV[i + 1])
              sent = sent + 1
            end
          end
          return sent
          """);

  /**
   * Records this node's heartbeat and reads everyone's. KEYS[1] = nodes hash; ARGV = prefix, node,
   * sessions, version, ms after which a silent node is forgotten. Returns {now, node, entry, node,
   * entry ...} with entries {@code "<last heartbeat ms> <sessions> <version>"}.
   */
  static final LuaScript HEARTBEAT =
      LuaScript.of(
          "heartbeat",
          NOW
              + """
              redis.call('HSET', KEYS[1], ARGV[2], now .. ' ' .. ARGV[3] .. ' ' .. ARGV[4])
              local all = redis.call('HGETALL', KEYS[1])
              local out = {tostring(now)}
              for i = 1, #all, 2 do
                local seen = tonumber(string.match(all[i + 1], '^(%d+)'))
                if seen == nil or now - seen > tonumber(ARGV[5]) then
                  redis.call('HDEL', KEYS[1], all[i])
                else
                  out[#out + 1] = all[i]
                  out[#out + 1] = all[i + 1]
                end
              end
              return out
              """);

  /**
   * Counts a failed login for a username and an address, as {@code LoginThrottle} does in memory:
   * after the free failures each further one locks for twice as long as the last (1 s, 2 s, 4 s
   * ...) up to the maximum; a key is forgotten an hour after its last failure. KEYS = user key,
   * address key; ARGV = free user failures, free address failures, max lockout ms, forget ms.
   * Returns {user lockout ms, address lockout ms}, -1 where this failure started none.
   */
  static final LuaScript LOGIN_FAILED =
      LuaScript.of(
          "login-failed",
          NOW
              + """
              local maxMs, forgetMs = tonumber(ARGV[3]), tonumber(ARGV[4])
              local function bump(key, free)
                local count = redis.call('HINCRBY', key, 'count', 1)
                local locked = tonumber(redis.call('HGET', key, 'until') or '0')
                local result = -1
                if count > free then
                  local excess = count - free
                  local wait = maxMs
                  if excess <= 30 then
                    wait = math.min(maxMs, 1000 * 2 ^ (excess - 1))
                  end
                  locked = now + wait
                  redis.call('HSET', key, 'until', locked)
                  result = wait
                end
                redis.call('PEXPIRE', key, math.max(forgetMs, locked - now))
                return result
              end
              return {bump(KEYS[1], tonumber(ARGV[1])), bump(KEYS[2], tonumber(ARGV[2]))}
              """);

  /** The longer of the two lockouts still running, in ms, or 0. KEYS = user key, address key. */
  static final LuaScript LOGIN_LOCKED =
      LuaScript.of(
          "login-locked",
          NOW
              + """
              local locked = 0
              for _, key in ipairs(KEYS) do
                locked = math.max(locked, tonumber(redis.call('HGET', key, 'until') or '0'))
              end
              return math.max(0, locked - now)
              """);
}
