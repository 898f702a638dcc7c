package nautilus.autoupdate.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.ChildEnv;
import nautilus.autoupdate.fix.FixEngine;
import nautilus.autoupdate.fix.Proof;
import nautilus.autoupdate.impact.ImpactReport;
import nautilus.autoupdate.impact.Severity;
import nautilus.autoupdate.state.StateDb;
import nautilus.autoupdate.update.UpdateOptions;
import nautilus.autoupdate.update.UpdateResult;
import nautilus.autoupdate.update.Updater;
import nautilus.autoupdate.update.UpdaterFactory;
import nautilus.autoupdate.verify.CommandLines;
import nautilus.autoupdate.version.Version;

/**
 * Builds the {@link Dispatcher} for one version the same way for {@code dispatch} and {@code run}:
 * the repository, worktrees, tests and pull requests of the {@link UpdaterFactory} (so dispatch and
 * update share one branch, one base result and one PR), the missing branch made by its {@link
 * Updater}, and the agent from {@code agent_command}, {@code agent_timeout_seconds} and {@code
 * agent_env}.
 */
public final class Dispatchers {
  private Dispatchers() {}

  /**
   * @param notesExcerpt upstream notes quoted in the PR if the branch is made here (may be null)
   * @param proof the fixer's proof, as the factory's (the reasons it leaves sites are in the brief)
   * @param threshold hand over only at or above this severity (null: always, as {@code dispatch})
   */
  public static Dispatcher build(
      UpdaterFactory factory,
      AutoUpdateConfig config,
      Map<String, String> env,
      StateDb state,
      Version version,
      ImpactReport report,
      String notesExcerpt,
      Dispatcher.Analyzer analyzer,
      Proof proof,
      Severity threshold,
      Consumer<String> log) {
    UpdateOptions o = factory.options();
    Dispatcher.BranchStep branch =
        new Dispatcher.BranchStep() {
          @Override
          public UpdateResult create() {
            Updater u = factory.updater(version, report);
            return u.run(factory.request(version, report, notesExcerpt));
          }

          @Override
          public List<String> preview() {
            Updater u = factory.updater(version, report);
            return u.preview(factory.request(version, report, notesExcerpt), factory.checkout());
          }
        };
    boolean publish = !o.offline() && o.push();
    return new Dispatcher(
        config,
        factory.git(),
        factory.project(),
        factory.worktrees(),
        factory.tests(),
        factory.baselines(),
        branch,
        analyzer,
        new FixEngine(proof),
        new AgentProcess(Duration.ofSeconds(config.agentTimeoutSeconds())),
        CommandLines.split(config.agentCommand()),
        agentEnv(config, env),
        state,
        publish ? factory.pullRequests().orElse(null) : null,
        new Dispatcher.Options(o.offline(), o.push(), o.runTests(), threshold),
        log);
  }

  /**
   * The agent's environment: {@link ChildEnv}'s safe set (never the tool's secrets, secret-looking
   * names or URLs with passwords) plus what {@code agent_env} names, e.g. {@code
   * ANTHROPIC_API_KEY}. Read over this process's environment, as {@link
   * ChildEnv#of(AutoUpdateConfig, Map)} does.
   */
  public static Map<String, String> agentEnv(AutoUpdateConfig config, Map<String, String> env) {
    Map<String, String> all = new TreeMap<>(System.getenv());
    all.putAll(env);
    return ChildEnv.of(all, config.agentEnv(), ChildEnv.secretNames(config));
  }
}
