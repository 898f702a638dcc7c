package nautilus.autoupdate.update;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.CommandResult;
import nautilus.autoupdate.CommandRunner;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ChildEnv;
import nautilus.autoupdate.deps.UvLockRefresher;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.fix.Proof;
import nautilus.autoupdate.git.Git;
import nautilus.autoupdate.git.StateDirs;
import nautilus.autoupdate.git.Worktrees;
import nautilus.autoupdate.github.GitHubClient;
import nautilus.autoupdate.github.GitHubRepo;
import nautilus.autoupdate.github.GitHubToken;
import nautilus.autoupdate.github.PullRequests;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.verify.BaselineCache;
import nautilus.autoupdate.verify.EnvCache;
import nautilus.autoupdate.verify.TestEnvironment;
import nautilus.autoupdate.verify.TestRunner;
import nautilus.autoupdate.version.Version;

/**
 * Builds the {@link Updater} of one downstream repository the same way for the {@code update} and
 * {@code run} commands: git and its worktrees, the tests (uv or pip), the baseline cache in the
 * state directory, the workspace steps (pin, lock, fix) and, when pushing with a token, the pull
 * requests of the repository behind the remote.
 */
public final class UpdaterFactory {
  private static final Pattern REMOTE_HOST =
      Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^@/]*@)?([^:/]+)");
  private final AutoUpdateConfig config;
  private final Map<String, String> env;
  private final UpdateOptions options;
  private final Consumer<String> log;
  private final Updater.StepHook hook;
  private final Clock clock;
  private final Git git;
  private final CommandRunner children;
  private final Path top;
  private final Path project;
  private final Proof proof;

  /**
   * @param repoRoot the downstream project; may be a subfolder of its git repository
   * @param env the process environment ({@code GITHUB_TOKEN}; never printed)
   * @param proof what every code fix must pass before it is written (the target's model)
   * @param log receives one line per step
   * @param hook called before each updater step (fault injection in tests; else a no-op)
   */
  public UpdaterFactory(
      AutoUpdateConfig config,
      Path repoRoot,
      Map<String, String> env,
      UpdateOptions options,
      Proof proof,
      Consumer<String> log,
      Updater.StepHook hook,
      Clock clock) {
    this.proof = proof;
    this.config = config;
    this.env = env;
    this.options = options;
    this.log = log;
    this.hook = hook;
    this.clock = clock;
    this.children = CommandRunner.isolated(ChildEnv.of(config, env));
    Duration gitTimeout = Duration.ofMinutes(5);
    this.git =
        new Git(
            repoRoot,
            children,
            gitTimeout,
            pushCredentials(new Git(repoRoot, children, gitTimeout)));
    this.top = Path.of(git.run("rev-parse", "--show-toplevel"));
    try {
      this.project = top.toRealPath().relativize(repoRoot.toRealPath());
    } catch (IOException e) {
      throw new UserError("cannot resolve " + repoRoot + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code GH_TOKEN} and {@code GITHUB_TOKEN} for {@code git push} alone (a credential helper such
   * as {@code gh auth git-credential} reads them from the environment), and only when the remote is
   * on the host {@code github_api_url} belongs to; git's own helpers and SSH need nothing from
   * here.
   */
  private Map<String, String> pushCredentials(Git plain) {
    Map<String, String> tokens = new HashMap<>();
    for (String name : List.of("GH_TOKEN", "GITHUB_TOKEN")) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        tokens.put(name, v);
      }
    }
    if (tokens.isEmpty()) {
      return Map.of();
    }
    CommandResult url = plain.tryRun("remote", "get-url", config.remote());
    String apiHost = URI.create(config.githubApiUrl()).getHost();
    String webHost = "api.github.com".equalsIgnoreCase(apiHost) ? "github.com" : apiHost;
    return url.ok() && webHost != null && webHost.equalsIgnoreCase(hostOf(url.stdout().strip()))
        ? tokens
        : Map.of();
  }

  /** The host of a git remote URL (https, ssh, {@code git@host:o/r}); empty for a path. */
  static String hostOf(String remoteUrl) {
    Matcher m = REMOTE_HOST.matcher(remoteUrl);
    return m.find() ? m.group(1) : "";
  }

  /** The top of the git repository (the checkout the updater reads, never writes). */
  public Path checkout() {
    return top;
  }

  public UpdateOptions options() {
    return options;
  }

  /** The git repository of the checkout. */
  public Git git() {
    return git;
  }

  /** The project folder relative to the repository top (empty when it is the top). */
  public Path project() {
    return project;
  }

  /** The worktrees of the repository, where every update and dispatch works. */
  public Worktrees worktrees() {
    return new Worktrees(git, Worktrees.defaultRoot(git, env));
  }

  /** The test runner {@link #updater} uses (uv or pip, the configured timeout, ChildEnv). */
  public TestRunner tests() {
    return new TestRunner(
        children,
        TestEnvironment.detect(children, top, envCache()),
        Duration.ofSeconds(config.testTimeoutSeconds()));
  }

  /** The base commits' test results, kept in the state directory. */
  public BaselineCache baselines() {
    return new BaselineCache(stateDir(git, config).resolve("baselines"));
  }

  /** The updater for {@code version}, its workspace steps built from {@code impact}. */
  public Updater updater(Version version, ImpactReport impact) {
    boolean publish = !options.offline() && options.push();
    return new Updater(
        config,
        git,
        worktrees(),
        tests(),
        baselines(),
        workspaceSteps(version, impact),
        publish ? pullRequests().orElse(null) : null,
        log,
        hook,
        clock);
  }

  /**
   * Where test environments are kept: env_cache_dir (relative: in the state dir), else ~/.cache.
   */
  private EnvCache envCache() {
    String configured = config.envCacheDir();
    Path root =
        configured == null || configured.isBlank()
            ? EnvCache.defaultRoot(env)
            : stateDir(git, config).resolve(configured);
    return new EnvCache(root, env);
  }

  /** What the updater is asked to do; {@code notesExcerpt} (upstream text) may be null. */
  public Updater.Request request(Version version, ImpactReport impact, String notesExcerpt) {
    return new Updater.Request(
        version, impact, notesExcerpt, options.offline(), options.push(), options.runTests());
  }

  /**
   * The pull requests of the repository behind {@code remote}; empty without a GitHub token ({@code
   * GITHUB_TOKEN}, else {@code gh auth token}).
   */
  public Optional<PullRequests> pullRequests() {
    return pullRequests(config, git, env);
  }

  /** As {@link #pullRequests()}, for the repository of {@code git}. */
  public static Optional<PullRequests> pullRequests(
      AutoUpdateConfig config, Git git, Map<String, String> env) {
    Optional<String> token = GitHubToken.resolve(env, new CommandRunner(), git.dir());
    if (token.isEmpty()) {
      return Optional.empty();
    }
    GitHubRepo gh = GitHubRepo.parse(git.run("remote", "get-url", config.remote()));
    return Optional.of(
        new PullRequests(
            GitHubClient.create(
                URI.create(config.githubApiUrl()), token.get(), config.httpLimits()),
            gh));
  }

  /** The excerpt of {@code releasesMd} for {@code version}, quoted in the PR; null without one. */
  public static String notesExcerpt(Path releasesMd, Version version) {
    if (releasesMd == null) {
      return null;
    }
    try {
      return NotesExcerpt.fromReleasesMd(Files.readString(releasesMd), version);
    } catch (IOException e) {
      throw new UserError("cannot read " + releasesMd + ": " + e.getMessage(), e);
    }
  }

  /** The edits of the update: the pin, the lock, and (unless disabled) the code fixes. */
  private List<WorkspaceStep> workspaceSteps(Version version, ImpactReport impact) {
    List<WorkspaceStep> steps = new ArrayList<>();
    steps.add(new PinStep(config, version, project));
    steps.add(
        new LockStep(
            config,
            new UvLockRefresher(
                ChildEnv.of(config, env), Duration.ofSeconds(config.testTimeoutSeconds())),
            project));
    if (options.fix()) {
      steps.add(new FixStep(new FixEngine(proof), impact, config.packageName(), version, project));
    }
    return steps;
  }

  /**
   * The state directory, as every command places it ({@link StateDirs}): never in the working tree.
   */
  public static Path stateDir(Git git, AutoUpdateConfig config) {
    return StateDirs.resolve(git.dir(), config.stateDir());
  }
}
