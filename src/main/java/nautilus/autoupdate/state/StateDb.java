package nautilus.autoupdate.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.version.Version;

/**
 * The tool's memory: an SQLite file at {@code <state_dir>/state.db} in WAL mode, its schema
 * versioned by numbered forward migrations under {@code /state/migrations/}. A corrupt file or one
 * written by a newer tool is an error that says what to do; it is never recreated silently.
 */
public final class StateDb implements AutoCloseable {
  /** The migration scripts in order; the schema version is the number of scripts applied. */
  static final List<String> MIGRATIONS =
      List.of(
          "V001__init.sql", "V002__merges.sql", "V003__notifications.sql", "V004__agent_runs.sql");

  private final Connection db;
  private final Path file;
  private final Clock clock;

  private StateDb(Connection db, Path file, Clock clock) {
    this.db = db;
    this.file = file;
    this.clock = clock;
  }

  public static StateDb open(Path stateDir, Clock clock) {
    Path file = stateDir.resolve("state.db");
    checkShape(stateDir, file);
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UserError("cannot create state_dir " + stateDir + ": " + e.getMessage(), e);
    }
    return connect(
        "jdbc:sqlite:" + file,
        file,
        clock,
        s -> {
          // First, so a second process creating the same fresh file waits instead of failing.
          s.exec("PRAGMA busy_timeout=10000");
          s.checkIntact();
          s.exec("PRAGMA journal_mode=WAL");
        });
  }

  /**
   * An in-memory copy of the state (empty when there is none yet), for dry runs: everything works,
   * nothing written survives, and the file on disk is only read.
   */
  public static StateDb openSnapshot(Path stateDir, Clock clock) {
    Path file = stateDir.resolve("state.db");
    checkShape(stateDir, file);
    return connect(
        "jdbc:sqlite::memory:",
        file,
        clock,
        s -> {
          if (Files.isRegularFile(file)) {
            // "restore from" does not notice a damaged file, so check it read-only first.
            org.sqlite.SQLiteConfig readOnly = new org.sqlite.SQLiteConfig();
            readOnly.setReadOnly(true);
            try (Connection ro =
                DriverManager.getConnection("jdbc:sqlite:" + file, readOnly.toProperties())) {
              new StateDb(ro, file, clock).checkIntact();
            }
            s.exec("restore from '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
          }
        });
  }

  /**
   * A state_dir that is a file, or a state.db that is a folder, is a mistake to report, never an
   * empty history ("no versions seen yet").
   */
  private static void checkShape(Path stateDir, Path file) {
    if (Files.exists(stateDir) && !Files.isDirectory(stateDir)) {
      throw new UserError(
          "state_dir "
              + stateDir
              + " is a file, not a folder: move it aside or point state_dir at a folder");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new UserError(
          "state database "
              + file
              + " is not a file (a folder?): move it aside so a fresh one can be made");
    }
  }

  /** What to do on a fresh connection before the migrations run. */
  private interface Setup {
    void prepare(StateDb s) throws SQLException;
  }

  /** How long opening waits out other processes' locks beyond what busy_timeout covers. */
  private static final long OPEN_PATIENCE_MILLIS = 30_000;

  private static StateDb connect(String url, Path file, Clock clock, Setup setup) {
    long deadline = System.nanoTime() + OPEN_PATIENCE_MILLIS * 1_000_000;
    for (int attempt = 1; ; attempt++) {
      Connection c = null;
      try {
        c = DriverManager.getConnection(url);
        StateDb s = new StateDb(c, file, clock);
        setup.prepare(s);
        s.migrate();
        return s;
      } catch (SQLException e) {
        closeQuietly(c);
        // Switching a fresh file to WAL, or recovering another process's WAL, can answer
        // SQLITE_BUSY without calling the busy handler; those races end once the other side is
        // done, so open again rather than call a busy file damaged.
        if (!busy(e) || System.nanoTime() > deadline) {
          throw corrupt(file, e);
        }
        pause(attempt);
      } catch (RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(500, 10L * attempt) + (long) (Math.random() * 20));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while waiting for the state database", e);
    }
  }

  public Path file() {
    return file;
  }

  public int schemaVersion() {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void checkIntact() throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
      String result = rs.next() ? rs.getString(1) : "no answer";
      if (!"ok".equals(result)) {
        throw new UserError(
            "state database "
                + file
                + " is damaged ("
                + result
                + "): move it aside (the next run starts a fresh history) or restore it from a"
                + " backup");
      }
    }
  }

  /**
   * Brings the schema up to date in one write transaction taken before reading the version (BEGIN
   * IMMEDIATE), so two processes opening a fresh or old file at once apply each migration exactly
   * once: the second waits (busy_timeout), then finds nothing left to do.
   */
  private void migrate() throws SQLException {
    exec("BEGIN IMMEDIATE");
    try {
      migrateInTransaction();
      exec("COMMIT");
    } catch (SQLException | RuntimeException e) {
      try {
        exec("ROLLBACK");
      } catch (SQLException ignored) {
        // the transaction is already gone; the first error says why
      }
      throw e;
    }
  }

  private void migrateInTransaction() throws SQLException {
    exec(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT"
            + " NOT NULL)");
    int current = schemaVersion();
    if (current > MIGRATIONS.size()) {
      throw new UserError(
          "state database "
              + file
              + " has schema version "
              + current
              + ", newer than this nautilus-autoupdate understands ("
              + MIGRATIONS.size()
              + "): upgrade nautilus-autoupdate, or point state_dir at another directory");
    }
    for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
      String script = readMigration(MIGRATIONS.get(v - 1));
      try (Statement st = db.createStatement()) {
        for (String sql : script.split(";\\s*(\\n|$)")) {
          if (!sql.replaceAll("(?m)^--.*$", "").isBlank()) {
            st.execute(sql);
          }
        }
      }
      try (PreparedStatement ps =
          db.prepareStatement("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)")) {
        ps.setInt(1, v);
        ps.setString(2, now().toString());
        ps.executeUpdate();
      }
    }
  }

  private static String readMigration(String name) {
    try (InputStream in = StateDb.class.getResourceAsStream("/state/migrations/" + name)) {
      if (in == null) {
        throw new IllegalStateException("migration missing from the build: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }

  // ---- versions seen

  /**
   * Records a version from a source; returns true when this source reports it for the first time.
   */
  public boolean recordSeen(SeenVersion v) {
    return update(
            "INSERT OR IGNORE INTO versions_seen(version, source, channel, published_at,"
                + " first_seen_at, url) VALUES (?, ?, ?, ?, ?, ?)",
            v.version().toString(),
            v.source(),
            v.channel().id(),
            str(v.publishedAt()),
            str(v.firstSeenAt()),
            v.url())
        == 1;
  }

  /** Every version seen, oldest sighting first. */
  public List<SeenVersion> seenVersions() {
    return query(
        "SELECT version, source, channel, published_at, first_seen_at, url FROM versions_seen"
            + " ORDER BY first_seen_at, version, source",
        rs ->
            new SeenVersion(
                Version.parse(rs.getString(1)),
                rs.getString(2),
                Channel.of(rs.getString(3)),
                instant(rs.getString(4)),
                instant(rs.getString(5)),
                rs.getString(6)));
  }

  // ---- HTTP validators

  public Optional<CachedResponse> cached(String url) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT etag, last_modified, body, fetched_at FROM http_validators WHERE url = ?")) {
      ps.setString(1, url);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new CachedResponse(
                url, rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getString(4))));
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  public void storeCached(CachedResponse r) {
    update(
        "INSERT OR REPLACE INTO http_validators(url, etag, last_modified, body, fetched_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        r.url(),
        r.etag(),
        r.lastModified(),
        r.body(),
        str(r.fetchedAt()));
  }

  // ---- impact reports

  public Optional<String> impactReportJson(Version v) {
    return queryString("SELECT report_json FROM impact_reports WHERE version = ?", v.toString());
  }

  public Optional<String> recommendation(Version v) {
    return queryString("SELECT recommendation FROM impact_reports WHERE version = ?", v.toString());
  }

  public void saveImpactReport(Version v, String recommendation, String json) {
    update(
        "INSERT OR REPLACE INTO impact_reports(version, recommendation, report_json, created_at)"
            + " VALUES (?, ?, ?, ?)",
        v.toString(),
        recommendation,
        json,
        now().toString());
  }

  // ---- updates

  public Optional<UpdateRecord> updateFor(Version v) {
    return updates().stream().filter(u -> u.version().equals(v)).findFirst();
  }

  /** Every handled version, most recently changed first. */
  public List<UpdateRecord> updates() {
    return query(
        "SELECT version, status, branch, commit_sha, pr_url, tests, message, updated_at FROM"
            + " updates ORDER BY updated_at DESC, version",
        rs ->
            new UpdateRecord(
                Version.parse(rs.getString(1)),
                UpdateStatus.of(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                instant(rs.getString(8))));
  }

  public void saveUpdate(UpdateRecord u) {
    update(
        "INSERT OR REPLACE INTO updates(version, status, branch, commit_sha, pr_url, tests,"
            + " message, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        u.version().toString(),
        u.status().id(),
        u.branch(),
        u.commitSha(),
        u.prUrl(),
        u.tests(),
        u.message(),
        str(u.updatedAt()));
  }

  // ---- notifications and agent runs

  /** Claims an event for sending; false when it was sent before (so each goes out once). */
  public boolean claimNotification(String eventKey, String channel) {
    return update(
            "INSERT OR IGNORE INTO notifications(event_key, channel, sent_at) VALUES (?, ?, ?)",
            eventKey,
            channel,
            now().toString())
        == 1;
  }

  /** What became of an event: {@code sent...} or {@code failed: ...}; empty when never tried. */
  public Optional<String> notificationOutcome(String eventKey) {
    return queryString("SELECT outcome FROM notifications WHERE event_key = ?", eventKey);
  }

  /** Records a delivery attempt; a later attempt of the same event replaces it. */
  public void recordNotification(String eventKey, String channel, String outcome) {
    update(
        "INSERT OR REPLACE INTO notifications(event_key, channel, sent_at, outcome) VALUES (?, ?,"
            + " ?, ?)",
        eventKey,
        channel,
        now().toString(),
        outcome);
  }

  /** A digest's waiting event. */
  public record QueuedNotification(String eventKey, String day, String eventJson) {}

  /** Queues an event for a day's digest; false when it is queued already. */
  public boolean queueNotification(String eventKey, String day, String eventJson) {
    return update(
            "INSERT OR IGNORE INTO notification_queue(event_key, day, event_json, queued_at)"
                + " VALUES (?, ?, ?, ?)",
            eventKey,
            day,
            eventJson,
            now().toString())
        == 1;
  }

  public boolean isQueued(String eventKey) {
    return queryString("SELECT 1 FROM notification_queue WHERE event_key = ?", eventKey)
        .isPresent();
  }

  /** The waiting events of days before {@code day} (ISO dates sort as text), oldest first. */
  public List<QueuedNotification> queuedBefore(String day) {
    List<QueuedNotification> all =
        query(
            "SELECT event_key, day, event_json FROM notification_queue ORDER BY day, queued_at,"
                + " event_key",
            rs -> new QueuedNotification(rs.getString(1), rs.getString(2), rs.getString(3)));
    return all.stream().filter(q -> q.day().compareTo(day) < 0).toList();
  }

  /** Marks queued events as sent in one transaction: recorded as sent and off the queue. */
  public void digestSent(List<String> eventKeys, String channel, String outcome) {
    try {
      db.setAutoCommit(false);
      try {
        for (String key : eventKeys) {
          recordNotification(key, channel, outcome);
          update("DELETE FROM notification_queue WHERE event_key = ?", key);
        }
        db.commit();
      } catch (RuntimeException | SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  public long startAgentRun(Version v) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO agent_runs(version, started_at) VALUES (?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, v.toString());
      ps.setString(2, now().toString());
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  public void finishAgentRun(long id, int exitCode, String summary) {
    update(
        "UPDATE agent_runs SET finished_at = ?, exit_code = ?, summary = ? WHERE id = ?",
        now().toString(),
        exitCode,
        summary,
        id);
  }

  /**
   * Ends an agent run with its outcome; {@code transcript} is stored as given (the caller caps it).
   */
  public void finishAgentRun(
      long id,
      Integer exitCode,
      String outcome,
      String summary,
      String message,
      String commitSha,
      String transcript) {
    update(
        "UPDATE agent_runs SET finished_at = ?, exit_code = ?, outcome = ?, summary = ?, message"
            + " = ?, commit_sha = ?, transcript = ? WHERE id = ?",
        now().toString(),
        exitCode,
        outcome,
        summary,
        message,
        commitSha,
        transcript,
        id);
  }

  /** The agent runs of {@code v}, the latest first. */
  public List<AgentRun> agentRuns(Version v) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT id, version, started_at, finished_at, exit_code, outcome, summary, message,"
                + " commit_sha, transcript FROM agent_runs WHERE version = ? ORDER BY id DESC")) {
      ps.setString(1, v.toString());
      List<AgentRun> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int exit = rs.getInt(5);
          Integer exitCode = rs.wasNull() ? null : exit;
          out.add(
              new AgentRun(
                  rs.getLong(1),
                  Version.parse(rs.getString(2)),
                  instant(rs.getString(3)),
                  instant(rs.getString(4)),
                  exitCode,
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  public int agentRunCount(Version v) {
    return queryString("SELECT COUNT(*) FROM agent_runs WHERE version = ?", v.toString())
        .map(Integer::parseInt)
        .orElse(0);
  }

  // ---- merges

  /** Stores a merge attempt; a later one on the same head replaces it. */
  public void saveMerge(MergeRecord m) {
    update(
        "INSERT OR REPLACE INTO merges(pr_url, head_sha, version, outcome, http_status, message,"
            + " at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        m.prUrl(),
        m.headSha(),
        m.version(),
        m.outcome(),
        m.httpStatus(),
        m.message(),
        str(m.at()));
  }

  /** Every merge attempt on {@code prUrl}, newest first. */
  public List<MergeRecord> mergesOf(String prUrl) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT pr_url, head_sha, version, outcome, http_status, message, at FROM merges"
                + " WHERE pr_url = ? ORDER BY at DESC")) {
      ps.setString(1, prUrl);
      List<MergeRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new MergeRecord(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  "merged".equals(rs.getString(4)),
                  rs.getInt(5),
                  rs.getString(6),
                  instant(rs.getString(7))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  // ---- plumbing

  private Instant now() {
    return clock.instant();
  }

  private void exec(String sql) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(sql);
    }
  }

  private int update(String sql, Object... args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Maps one row; may throw SQLException like the ResultSet getters it calls. */
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper) {
    List<T> out = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private Optional<String> queryString(String sql, String arg) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private UserError failure(SQLException e) {
    return corrupt(file, e);
  }

  private static UserError corrupt(Path file, SQLException e) {
    Path dir = file.toAbsolutePath().getParent();
    if (readOnly(e)
        || (Files.exists(file) && !Files.isWritable(file))
        || (dir != null && Files.isDirectory(dir) && !Files.isWritable(dir))) {
      // SQLite cannot write the file, or its -wal/-shm companions beside it.
      return new UserError(
          "state database "
              + file
              + " is read-only: make it and its folder writable, or point state_dir at a"
              + " writable folder",
          e);
    }
    return new UserError(
        "state database "
            + file
            + " cannot be used ("
            + e.getMessage().lines().findFirst().orElse("SQL error")
            + "): if it is damaged, move it aside (the next run starts a fresh history) or restore"
            + " it from a backup",
        e);
  }

  /** SQLITE_READONLY and its extended codes (8, 264, 520, ...): the low byte is 8. */
  static boolean readOnly(SQLException e) {
    return hasPrimaryCode(e, 8);
  }

  /** SQLITE_BUSY and its extended codes (5, 261 BUSY_RECOVERY, 517 BUSY_SNAPSHOT, ...). */
  static boolean busy(SQLException e) {
    return hasPrimaryCode(e, 5);
  }

  private static boolean hasPrimaryCode(SQLException e, int primary) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.sqlite.SQLiteException s && (s.getResultCode().code & 0xff) == primary) {
        return true;
      }
      if (t instanceof SQLException q && (q.getErrorCode() & 0xff) == primary) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing with a clearer error
      }
    }
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw failure(e);
    }
  }
}
