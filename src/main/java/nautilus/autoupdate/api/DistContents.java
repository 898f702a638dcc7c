package nautilus.autoupdate.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import nautilus.autoupdate.UserError;

/**
 * The files of a distribution that matter for its API: every path (for the module map, compiled
 * modules included) and the text of the Python and Cython sources. Read from a wheel (zip), an
 * sdist ({@code .tar.gz}, its top folder stripped) or a source directory.
 */
public record DistContents(String describe, List<String> paths, Map<String, String> sources) {
  public DistContents {
    paths = List.copyOf(paths);
    sources = Map.copyOf(sources);
  }

  /** Whether a path's text is read: the sources the extractors understand. */
  static boolean isSource(String path) {
    return path.endsWith(".py")
        || path.endsWith(".pyi")
        || path.endsWith(".pyx")
        || path.endsWith(".pxd");
  }

  public static DistContents read(Path file) {
    String name = file.getFileName().toString();
    try {
      if (Files.isDirectory(file)) {
        return directory(file);
      }
      if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
        return tarGz(file);
      }
      return zip(file);
    } catch (IOException e) {
      throw new UserError("cannot read distribution " + file + ": " + e.getMessage(), e);
    }
  }

  private static DistContents zip(Path file) throws IOException {
    List<String> paths = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(file.toFile())) {
      var en = z.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        paths.add(e.getName());
        if (isSource(e.getName())) {
          try (InputStream in = z.getInputStream(e)) {
            sources.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new UserError(
          "cannot read " + file + ": not a valid zip/wheel (" + e.getMessage() + ")");
    }
    if (file.getFileName().toString().endsWith(".zip") && !file.toString().endsWith(".whl")) {
      return stripTop(file.toString(), paths, sources);
    }
    return new DistContents(file.toString(), paths, sources);
  }

  private static DistContents tarGz(Path file) throws IOException {
    List<String> paths = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      String longName = null;
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        if (header[0] == 0) {
          break;
        }
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        long size =
            Long.parseLong(
                field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        byte[] data = readBlock(in, size);
        if (type == 'x') {
          // PAX header: "len path=value\n" records; only the path matters here.
          for (String rec : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int eq = rec.indexOf(" path=");
            if (eq >= 0) {
              longName = rec.substring(eq + 6);
            }
          }
          continue;
        }
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
        longName = null;
        if (type == '0' || type == '\0') {
          paths.add(path);
          if (isSource(path)) {
            sources.put(path, new String(data, StandardCharsets.UTF_8));
          }
        }
      }
    } catch (NumberFormatException | java.util.zip.ZipException e) {
      throw new UserError(
          "cannot read " + file + ": not a valid .tar.gz sdist (" + e.getMessage() + ")");
    }
    return stripTop(file.toString(), paths, sources);
  }

  private static byte[] readBlock(InputStream in, long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new IOException("truncated tar entry");
    }
    long pad = (512 - size % 512) % 512;
    in.readNBytes((int) pad);
    return data;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  /** An sdist's paths all start with "name-version/"; modules are named without it. */
  private static DistContents stripTop(
      String describe, List<String> paths, Map<String, String> sources) {
    List<String> p = new ArrayList<>();
    Map<String, String> s = new LinkedHashMap<>();
    for (String path : paths) {
      p.add(strip(path));
    }
    sources.forEach((k, v) -> s.put(strip(k), v));
    return new DistContents(describe, p, s);
  }

  private static String strip(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static DistContents directory(Path dir) throws IOException {
    List<String> paths = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        if (rel.startsWith(".git/") || rel.contains("/.git/")) {
          continue;
        }
        paths.add(rel);
        if (isSource(rel)) {
          sources.put(rel, Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    return new DistContents(dir.toString(), paths, sources);
  }
}
