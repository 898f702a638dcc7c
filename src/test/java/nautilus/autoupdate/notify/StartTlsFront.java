package nautilus.autoupdate.notify;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front on loopback that offers STARTTLS (GreenMail 2.1 does not), refuses everything but
 * EHLO, HELO and STARTTLS before TLS, and after the handshake hands the decrypted session to a
 * plain GreenMail SMTP port: so the mail really arrives, and only over TLS.
 */
final class StartTlsFront implements AutoCloseable {
  private final ServerSocket listener;
  private final int backendPort;
  private final SSLContext tls;
  final AtomicInteger handshakes = new AtomicInteger();
  final AtomicInteger refusedInClear = new AtomicInteger();
  private final Thread acceptor;

  StartTlsFront(int backendPort) throws Exception {
    this.backendPort = backendPort;
    var keyStore = new DummySSLServerSocketFactory().getKeyStore();
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, "changeit".toCharArray());
    tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "starttls-front");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        Thread t = new Thread(() -> serve(s), "starttls-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket clear) {
    try (clear) {
      clear.setSoTimeout(10_000);
      OutputStream out = clear.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(clear.getInputStream(), StandardCharsets.US_ASCII));
      write(out, "220 localhost ESMTP front\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        String cmd = line.toUpperCase(java.util.Locale.ROOT);
        if (cmd.startsWith("EHLO")) {
          write(out, "250-localhost\r\n250 STARTTLS\r\n");
        } else if (cmd.startsWith("HELO")) {
          write(out, "250 localhost\r\n");
        } else if (cmd.startsWith("STARTTLS")) {
          write(out, "220 2.0.0 Ready to start TLS\r\n");
          upgrade(clear);
          return;
        } else if (cmd.startsWith("QUIT")) {
          write(out, "221 bye\r\n");
          return;
        } else {
          refusedInClear.incrementAndGet();
          write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private void upgrade(Socket clear) throws IOException {
    SSLSocket secure =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(
                    clear, clear.getInetAddress().getHostAddress(), clear.getPort(), true);
    secure.setUseClientMode(false);
    secure.startHandshake();
    handshakes.incrementAndGet();
    try (secure;
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
      InputStream fromBackend = backend.getInputStream();
      // The client does not expect a second greeting after STARTTLS: swallow GreenMail's.
      int b;
      StringBuilder greeting = new StringBuilder();
      while ((b = fromBackend.read()) != -1 && b != '\n') {
        greeting.append((char) b);
      }
      Thread up = pipe(secure.getInputStream(), backend.getOutputStream());
      pipeNow(fromBackend, secure.getOutputStream());
      up.interrupt();
    }
  }

  private static Thread pipe(InputStream in, OutputStream out) {
    Thread t =
        new Thread(
            () -> {
              try {
                pipeNow(in, out);
              } catch (IOException e) {
                // closed
              }
            },
            "starttls-pipe");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void pipeNow(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) != -1) {
      out.write(buf, 0, n);
      out.flush();
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
