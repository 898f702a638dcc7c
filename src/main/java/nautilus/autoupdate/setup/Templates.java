package nautilus.autoupdate.setup;

import java.nio.file.Path;
import nautilus.autoupdate.config.AutoUpdateConfig;

/** The texts {@code init} writes; fixed for a given configuration, so a rerun writes the same. */
final class Templates {
  private Templates() {}

  /** The configuration table, with the settings a new user most often changes. */
  static String table(AutoUpdateConfig c, String eol) {
    return String.join(
            eol,
            "[tool.nautilus-autoupdate]",
            "# Written by `nautilus-autoupdate init`; every setting is in its docs/configuration.md.",
            "channel = " + quote(c.channel().id()) + "  # stable | pre | nightly | develop",
            "# auto merges once green and this many hours old; delayed waits delayed_merge_hours.",
            "auto_merge_quiet_hours = " + c.autoMergeQuietHours(),
            "delayed_merge_hours = " + c.delayedMergeHours(),
            "# A PR with this label, a review requesting changes or a /hold comment never merges.",
            "hold_label = " + quote(c.holdLabel()))
        + eol;
  }

  /**
   * The scheduled workflow: the least permissions the run needs (push the branch, open the PR, read
   * the checks the merge gate waits for), the state directory and the model cache kept between
   * runs.
   */
  static String workflow(AutoUpdateConfig c, String project) {
    // A relative state_dir lives in the git dir (StateDirs).
    String stateDir =
        Path.of(c.stateDir()).isAbsolute() ? c.stateDir() : ".git/nautilus-autoupdate";
    // Restored before the run and saved after it: the same paths under the same key.
    String cached =
        "        with:\n"
            + "          path: |\n"
            + "            "
            + stateDir
            + "\n"
            + "            ~/.cache/nautilus-autoupdate\n"
            + "          key: nautilus-autoupdate-${{ github.run_id }}\n";
    String discord =
        c.discordWebhookEnv() == null || c.discordWebhookEnv().isBlank()
            ? ""
            : "          "
                + c.discordWebhookEnv()
                + ": ${{ secrets."
                + c.discordWebhookEnv()
                + " }}\n";
    String workdir =
        project.isEmpty()
            ? ""
            : "        working-directory: " + project.substring(0, project.length() - 1) + "\n";
    return "# Written by `nautilus-autoupdate init`. Runs one cycle every 15 minutes (GitHub may run\n"
        + "# it later under load) and on demand. Set the repository variable\n"
        + "# NAUTILUS_AUTOUPDATE_JAR_URL to where the jar can be downloaded. PRs opened with the\n"
        + "# workflow's GITHUB_TOKEN start no other workflow: put a token in the secret\n"
        + "# NAUTILUS_AUTOUPDATE_TOKEN to have CI test them (the merge gate waits for those checks).\n"
        + "name: nautilus-autoupdate\n"
        + "\n"
        + "on:\n"
        + "  schedule:\n"
        + "    - cron: \"*/15 * * * *\"\n"
        + "  workflow_dispatch: {}\n"
        + "\n"
        + "permissions:\n"
        + "  contents: write       # push the update branch, delete it after the merge\n"
        + "  pull-requests: write  # open, label and merge the pull request\n"
        + "  checks: read         # the merge gate waits for every check run\n"
        + "  statuses: read       # ... and every commit status\n"
        + "\n"
        + "concurrency:\n"
        + "  group: nautilus-autoupdate   # never two runs at once (the tool also holds a lock)\n"
        + "  cancel-in-progress: false\n"
        + "\n"
        + "jobs:\n"
        + "  run:\n"
        + "    runs-on: ubuntu-latest\n"
        + "    timeout-minutes: 60\n"
        + "    steps:\n"
        + "      - uses: actions/checkout@v4\n"
        + "        with:\n"
        + "          fetch-depth: 0\n"
        + "\n"
        + "      - uses: actions/setup-java@v4\n"
        + "        with:\n"
        + "          distribution: temurin\n"
        + "          java-version: \"17\"\n"
        + "\n"
        + "      - uses: astral-sh/setup-uv@v6\n"
        + "\n"
        + "      # The state (versions seen, ETags, updates, merges) and the model cache survive runs.\n"
        + "      - name: Restore state and caches\n"
        + "        uses: actions/cache/restore@v4\n"
        + cached
        + "          restore-keys: nautilus-autoupdate-\n"
        + "\n"
        + "      - name: Download nautilus-autoupdate\n"
        + "        env:\n"
        + "          JAR_URL: ${{ vars.NAUTILUS_AUTOUPDATE_JAR_URL }}\n"
        + "        run: |\n"
        + "          test -n \"$JAR_URL\" || { echo \"set the repository variable"
        + " NAUTILUS_AUTOUPDATE_JAR_URL\"; exit 1; }\n"
        + "          curl -fsSL -o \"$RUNNER_TEMP/nautilus-autoupdate.jar\" \"$JAR_URL\"\n"
        + "\n"
        + "      - name: Run one cycle\n"
        + workdir
        + "        env:\n"
        + "          GITHUB_TOKEN: ${{ secrets.NAUTILUS_AUTOUPDATE_TOKEN || secrets.GITHUB_TOKEN }}\n"
        + discord
        + "          NAUTILUS_AUTOUPDATE_GIT_AUTHOR_NAME: nautilus-autoupdate\n"
        + "          NAUTILUS_AUTOUPDATE_GIT_AUTHOR_EMAIL: nautilus-autoupdate@users.noreply.github.com\n"
        + "        run: java -jar \"$RUNNER_TEMP/nautilus-autoupdate.jar\" run\n"
        + "\n"
        + "      - name: Save state and caches\n"
        + "        if: always()\n"
        + "        uses: actions/cache/save@v4\n"
        + cached;
  }

  /** A oneshot service running one cycle in a checkout on a server of your own. */
  static String service(String repoName, String project) {
    return "# Written by `nautilus-autoupdate init`: an example, to copy to /etc/systemd/system/\n"
        + "# with nautilus-autoupdate.timer, then: systemctl enable --now nautilus-autoupdate.timer\n"
        + "[Unit]\n"
        + "Description=nautilus-autoupdate: one detect/check/update/merge cycle\n"
        + "Wants=network-online.target\n"
        + "After=network-online.target\n"
        + "\n"
        + "[Service]\n"
        + "Type=oneshot\n"
        + "WorkingDirectory=/srv/"
        + repoName
        + (project.isEmpty() ? "" : "/" + project.substring(0, project.length() - 1))
        + "\n"
        + "# GITHUB_TOKEN=..., DISCORD_WEBHOOK_URL=...; readable by the service user only.\n"
        + "EnvironmentFile=-/etc/nautilus-autoupdate.env\n"
        + "ExecStart=/usr/bin/java -jar /opt/nautilus-autoupdate/nautilus-autoupdate.jar run\n";
  }

  static String timer() {
    return "# Written by `nautilus-autoupdate init`: runs nautilus-autoupdate.service every 15 min.\n"
        + "[Unit]\n"
        + "Description=Run nautilus-autoupdate every 15 minutes\n"
        + "\n"
        + "[Timer]\n"
        + "OnBootSec=2min\n"
        + "OnUnitActiveSec=15min\n"
        + "RandomizedDelaySec=60\n"
        + "Persistent=true\n"
        + "\n"
        + "[Install]\n"
        + "WantedBy=timers.target\n";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
