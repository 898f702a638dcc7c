package nautilus.autoupdate.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small wheels and sdists for tests, with Java's own zip and a minimal tar writer. */
final class Dists {
  private Dists() {}

  /** A wheel {@code name-version-py3-none-any.whl} holding {@code files} plus dist-info. */
  static Path wheel(Path dir, String name, String version, Map<String, String> files)
      throws IOException {
    return wheel(dir, name, version, "py3-none-any", files);
  }

  static Path wheel(Path dir, String name, String version, String tags, Map<String, String> files)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(files);
    String info = name + "-" + version + ".dist-info/";
    all.put(
        info + "METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
    all.put(info + "WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: " + tags + "\n");
    StringBuilder record = new StringBuilder();
    all.keySet().forEach(k -> record.append(k).append(",,\n"));
    all.put(info + "RECORD", record.toString());
    Path out = dir.resolve(name + "-" + version + "-" + tags + ".whl");
    Files.createDirectories(dir);
    Files.write(out, zip(all));
    return out;
  }

  static byte[] zip(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (var e : files.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** An sdist {@code name-version.tar.gz}: files under the top folder {@code name-version/}. */
  static Path sdist(Path dir, String name, String version, Map<String, String> files)
      throws IOException {
    Path out = dir.resolve(name + "-" + version + ".tar.gz");
    Files.createDirectories(dir);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
      for (var e : files.entrySet()) {
        String path = name + "-" + version + "/" + e.getKey();
        byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
        if (path.length() > 99) {
          // GNU long name: an 'L' entry carries the path.
          byte[] p = (path + "\0").getBytes(StandardCharsets.UTF_8);
          o.write(header("././@LongLink", p.length, 'L'));
          o.write(p);
          o.write(new byte[(512 - p.length % 512) % 512]);
          o.write(header(path.substring(0, 99), data.length, '0'));
        } else {
          o.write(header(path, data.length, '0'));
        }
        o.write(data);
        o.write(new byte[(512 - data.length % 512) % 512]);
      }
      o.write(new byte[1024]);
    }
    return out;
  }

  private static byte[] header(String name, long size, char type) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, "00000000000");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) type;
    put(h, 257, "ustar");
    h[263] = '0';
    h[264] = '0';
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    return h;
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
