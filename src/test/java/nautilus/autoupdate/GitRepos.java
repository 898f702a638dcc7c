package nautilus.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Real git repositories for tests: a bare "origin" with a {@code main} branch and a user clone with
 * its own identity, like a developer's checkout.
 */
public final class GitRepos {
  public final Path remote;
  public final Path user;
  private final Path seed;

  private GitRepos(Path remote, Path user, Path seed) {
    this.remote = remote;
    this.user = user;
    this.seed = seed;
  }

  /** Another developer commits {@code path} to main and pushes; the user's clone pulls it. */
  public void pushFile(String path, String text) {
    write(seed.resolve(path), text);
    git(seed, "add", "-A");
    git(seed, "commit", "-qm", "add " + path);
    git(seed, "push", "-q", "origin", "main");
    git(user, "pull", "-q");
  }

  /** A bare remote under {@code dir/acme/strategies.git} and a clone at {@code dir/user}. */
  public static GitRepos create(Path dir, String pyproject) {
    return create(
        dir,
        seed -> {
          write(seed.resolve("pyproject.toml"), pyproject);
          write(seed.resolve("README.md"), "demo\n");
        });
  }

  /** As {@link #create(Path, String)}, with the files of {@code tree} as the first commit. */
  public static GitRepos fromTree(Path dir, Path tree) {
    return create(dir, seed -> copyTree(tree, seed));
  }

  private static GitRepos create(Path dir, Consumer<Path> fill) {
    Path remote = dir.resolve("acme/strategies.git");
    Path seed = dir.resolve("seed");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git(dir, "init", "--quiet", "--bare", "-b", "main", remote.toString());
    git(dir, "init", "--quiet", "-b", "main", seed.toString());
    identity(seed);
    fill.accept(seed);
    git(seed, "add", "-A");
    git(seed, "commit", "--quiet", "-m", "initial");
    git(seed, "remote", "add", "origin", remote.toString());
    git(seed, "push", "--quiet", "origin", "main");
    Path user = dir.resolve("user");
    git(dir, "clone", "--quiet", remote.toString(), user.toString());
    identity(user);
    return new GitRepos(remote, user, seed);
  }

  private static void identity(Path repo) {
    git(repo, "config", "user.name", "Dev");
    git(repo, "config", "user.email", "dev@example.com");
    git(repo, "config", "commit.gpgsign", "false");
  }

  public static String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(Arrays.asList(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Copies the files of {@code from} (without Python caches) into {@code to}. */
  public static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (!p.toString().contains("__pycache__")) {
          Path target = to.resolve(from.relativize(p).toString());
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Branches of the bare remote. */
  public List<String> remoteBranches() {
    String out = git(remote, "for-each-ref", "--format=%(refname:short)", "refs/heads");
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /**
   * A hash of the user's checkout: every file's path and bytes outside {@code .git}, plus HEAD, the
   * current branch, the index and the status, so any change to what the user sees shows.
   */
  public String userCheckoutHash() {
    try (Stream<Path> files = Files.walk(user)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !user.relativize(f).startsWith(".git"))
              .sorted()
              .toList()) {
        md.update(user.relativize(f).toString().getBytes());
        md.update(Files.readAllBytes(f));
      }
      md.update(git(user, "rev-parse", "HEAD").getBytes());
      md.update(git(user, "symbolic-ref", "HEAD").getBytes());
      md.update(git(user, "status", "--porcelain=v1", "--untracked-files=all").getBytes());
      md.update(Files.readAllBytes(user.resolve(".git/index")));
      return HexFormat.of().formatHex(md.digest());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
