package nautilus.autoupdate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDbTest {
  static final Instant NOW = Instant.parse("2025-12-29T07:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void createsTheSchemaInWalModeAndKeepsDataAcrossOpens() throws Exception {
    try (StateDb db = StateDb.open(dir, CLOCK)) {
      assertThat(db.schemaVersion()).isEqualTo(StateDb.MIGRATIONS.size());
      SeenVersion v =
          new SeenVersion(
              Version.parse("1.222.0a20251229"),
              "nautech",
              Channel.NIGHTLY,
              Instant.parse("2025-12-29T06:10:02Z"),
              NOW,
              "http://x");
      assertThat(db.recordSeen(v)).isTrue();
      assertThat(db.recordSeen(v)).as("second sighting is not new").isFalse();
    }
    try (StateDb db = StateDb.open(dir, CLOCK)) {
      assertThat(db.seenVersions()).hasSize(1);
      SeenVersion v = db.seenVersions().get(0);
      assertThat(v.channel()).isEqualTo(Channel.NIGHTLY);
      assertThat(v.latency()).contains(Duration.ofMinutes(49).plusSeconds(58));
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void storesValidatorsReportsUpdatesNotificationsAndAgentRuns() {
    try (StateDb db = StateDb.open(dir, CLOCK)) {
      db.storeCached(new CachedResponse("http://a", "\"e1\"", null, "body", NOW));
      assertThat(db.cached("http://a")).get().extracting(CachedResponse::etag).isEqualTo("\"e1\"");
      assertThat(db.cached("http://b")).isEmpty();

      Version v = Version.parse("1.222.0");
      db.saveImpactReport(v, "auto", "{\"x\":1}");
      assertThat(db.impactReportJson(v)).contains("{\"x\":1}");
      assertThat(db.recommendation(v)).contains("auto");

      UpdateRecord u =
          new UpdateRecord(v, UpdateStatus.DETECTED, null, null, null, null, null, NOW);
      db.saveUpdate(u);
      db.saveUpdate(u.with(UpdateStatus.CHECKED, "analyzed", NOW.plusSeconds(5)));
      assertThat(db.updateFor(v))
          .get()
          .extracting(UpdateRecord::status)
          .isEqualTo(UpdateStatus.CHECKED);
      assertThat(db.updates()).hasSize(1);

      assertThat(db.claimNotification("update:1.222.0:opened", "discord")).isTrue();
      assertThat(db.claimNotification("update:1.222.0:opened", "discord")).isFalse();

      long id = db.startAgentRun(v);
      db.finishAgentRun(id, 0, "fixed 2 sites");
      assertThat(db.agentRunCount(v)).isEqualTo(1);
    }
  }

  @Test
  void aSnapshotReadsTheFileButNeverWritesIt() throws Exception {
    try (StateDb empty = StateDb.openSnapshot(dir, CLOCK)) {
      assertThat(empty.seenVersions()).isEmpty();
    }
    assertThat(dir.resolve("state.db")).doesNotExist();
    Version v = Version.parse("1.221.0");
    try (StateDb db = StateDb.open(dir, CLOCK)) {
      db.recordSeen(new SeenVersion(v, "pypi", Channel.STABLE, null, NOW, null));
    }
    byte[] before = Files.readAllBytes(dir.resolve("state.db"));
    try (StateDb snap = StateDb.openSnapshot(dir, CLOCK)) {
      assertThat(snap.seenVersions()).extracting(SeenVersion::version).containsExactly(v);
      assertThat(snap.seenVersions().get(0).latency()).isEmpty();
      snap.recordSeen(
          new SeenVersion(Version.parse("1.222.0"), "pypi", Channel.STABLE, null, NOW, null));
      snap.saveUpdate(
          new UpdateRecord(v, UpdateStatus.REPORTED, null, null, null, null, null, NOW));
      assertThat(snap.seenVersions()).hasSize(2);
    }
    assertThat(Files.readAllBytes(dir.resolve("state.db"))).isEqualTo(before);
    try (StateDb db = StateDb.open(dir, CLOCK)) {
      assertThat(db.seenVersions()).hasSize(1);
      assertThat(db.updates()).isEmpty();
    }
  }

  @Test
  void updateStatusesRoundTripAndKnowWhichAreFinal() {
    for (UpdateStatus s : UpdateStatus.values()) {
      assertThat(UpdateStatus.of(s.id())).isEqualTo(s);
    }
    assertThat(UpdateStatus.NEEDS_PERSON.id()).isEqualTo("needs-person");
    assertThat(UpdateStatus.UPDATING.isFinal()).isFalse();
    assertThat(UpdateStatus.FAILED.isFinal()).isTrue();
  }

  @Test
  void refusesADatabaseFromANewerTool() throws Exception {
    StateDb.open(dir, CLOCK).close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00Z')");
    }
    assertThatThrownBy(() -> StateDb.openSnapshot(dir, CLOCK))
        .hasMessageContaining("schema version 99");
    assertThatThrownBy(() -> StateDb.open(dir, CLOCK))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("upgrade nautilus-autoupdate");
  }

  @Test
  void refusesACorruptFileAndLeavesItInPlace() throws Exception {
    Files.createDirectories(dir);
    byte[] garbage = "this is not an sqlite database, it is a text file ".repeat(200).getBytes();
    Files.write(dir.resolve("state.db"), garbage);
    assertThatThrownBy(() -> StateDb.open(dir, CLOCK))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("state.db")
        .hasMessageContaining("move it aside");
    assertThat(Files.readAllBytes(dir.resolve("state.db"))).isEqualTo(garbage);
    assertThatThrownBy(() -> StateDb.openSnapshot(dir, CLOCK))
        .hasMessageContaining("move it aside");
  }

  @Test
  void aSecondRunCannotTakeTheLockUntilTheFirstReleasesIt() throws Exception {
    try (AutoCloseable first = LockHolder.hold(dir, "run")) {
      assertThat(RunLock.tryAcquire(dir)).isEmpty();
    }
    try (RunLock again = RunLock.tryAcquire(dir).orElseThrow()) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void busyAnswersAreToldFromReadOnlyOnesByTheirPrimaryCode() {
    var recovering =
        new org.sqlite.SQLiteException("recovery", org.sqlite.SQLiteErrorCode.SQLITE_BUSY_RECOVERY);
    var readOnlyDir =
        new org.sqlite.SQLiteException(
            "no dir", org.sqlite.SQLiteErrorCode.SQLITE_READONLY_DIRECTORY);
    assertThat(StateDb.busy(recovering)).isTrue();
    assertThat(StateDb.readOnly(recovering)).isFalse();
    assertThat(StateDb.busy(readOnlyDir)).isFalse();
    assertThat(StateDb.readOnly(readOnlyDir)).isTrue();
    assertThat(StateDb.busy(new java.sql.SQLException("wrapped", recovering))).isTrue();
  }

  @Test
  void manyProcessesCreatingOneFreshDatabaseAllSucceed() throws Exception {
    int rounds = 10;
    int openers = 6;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(openers);
    try {
      for (int round = 0; round < rounds; round++) {
        Path fresh = dir.resolve("fresh-" + round);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(openers);
        java.util.List<java.util.concurrent.Future<Integer>> all = new java.util.ArrayList<>();
        for (int i = 0; i < openers; i++) {
          all.add(
              pool.submit(
                  () -> {
                    start.await();
                    // Each thread has its own connection, as each process would.
                    try (StateDb db = StateDb.open(fresh, CLOCK)) {
                      return db.schemaVersion();
                    }
                  }));
        }
        for (var f : all) {
          assertThat(f.get()).as("round %d", round).isEqualTo(StateDb.MIGRATIONS.size());
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + fresh.resolve("state.db"));
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
          assertThat(rs.getInt(1))
              .as("each migration applied once")
              .isEqualTo(StateDb.MIGRATIONS.size());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStateDirThatIsAFileOrAStateDbThatIsAFolderIsAnErrorNotAnEmptyHistory() throws Exception {
    Path asFile = dir.resolve("state-file");
    Files.writeString(asFile, "oops");
    for (var open :
        java.util.List.<java.util.function.Function<Path, StateDb>>of(
            d -> StateDb.open(d, CLOCK), d -> StateDb.openSnapshot(d, CLOCK))) {
      assertThatThrownBy(() -> open.apply(asFile))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("state_dir " + asFile + " is a file, not a folder");
      Path withFolder = dir.resolve("with-folder-" + System.nanoTime());
      Files.createDirectories(withFolder.resolve("state.db"));
      assertThatThrownBy(() -> open.apply(withFolder))
          .isInstanceOf(UserError.class)
          .hasMessageContaining(withFolder.resolve("state.db") + " is not a file");
    }
  }

  @Test
  void aReadOnlyDatabaseIsCalledReadOnlyNotDamaged() throws Exception {
    try (StateDb db = StateDb.open(dir, CLOCK)) {
      db.saveImpactReport(Version.parse("1.221.0"), "auto", "{}");
    }
    Path file = dir.resolve("state.db");
    boolean immutable = makeReadOnly(file);
    try {
      assertThatThrownBy(
              () -> {
                try (StateDb db = StateDb.open(dir, CLOCK)) {
                  db.saveImpactReport(Version.parse("1.222.0"), "auto", "{}");
                }
              })
          .isInstanceOf(UserError.class)
          .hasMessageContaining(file + " is read-only")
          .hasMessageNotContaining("damaged");
    } finally {
      undoReadOnly(file, immutable);
    }
  }

  @Test
  void aDatabaseInAReadOnlyFolderIsCalledReadOnlyNotDamaged() throws Exception {
    Path folder = dir.resolve("ro");
    try (StateDb db = StateDb.open(folder, CLOCK)) {
      db.saveImpactReport(Version.parse("1.221.0"), "auto", "{}");
    }
    boolean immutable = makeReadOnly(folder);
    try {
      assertThatThrownBy(
              () -> {
                try (StateDb db = StateDb.open(folder, CLOCK)) {
                  db.saveImpactReport(Version.parse("1.222.0"), "auto", "{}");
                }
              })
          .isInstanceOf(UserError.class)
          .hasMessageContaining(" is read-only")
          .hasMessageNotContaining("damaged");
    } finally {
      undoReadOnly(folder, immutable);
    }
  }

  /**
   * chmod does not stop root (as in many containers), so there the file is made immutable; returns
   * whether it was.
   */
  static boolean makeReadOnly(Path file) throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      Process p = new ProcessBuilder("chattr", "+i", file.toString()).inheritIO().start();
      org.junit.jupiter.api.Assumptions.assumeTrue(
          p.waitFor() == 0, "running as root without chattr: cannot make a file read-only");
      return true;
    }
    assertThat(file.toFile().setWritable(false, false)).isTrue();
    return false;
  }

  static void undoReadOnly(Path file, boolean immutable) throws Exception {
    if (immutable) {
      new ProcessBuilder("chattr", "-i", file.toString()).inheritIO().start().waitFor();
    } else {
      file.toFile().setWritable(true, false);
    }
  }
}
