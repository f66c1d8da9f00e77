import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * The concurrent writer of bench/migrate (and bench/faults): inserts one user per statement
 * (autocommit) as fast as it can until the stop file appears, and reports how many it inserted
 * and the longest single insert, i.e. the longest write stall it saw.
 *
 *   java -cp pressroom.jar bench/lib/Writer.java JDBC_URL USER STOP_FILE PREFIX
 * prints: inserted=N longest_ms=M longest_at_ms=T (T: ms since start when that insert began)
 */
public class Writer {
    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], prefix = args[3];
        Path stop = Path.of(args[2]);
        long inserted = 0, longest = 0, longestAt = 0, start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, user, "");
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (email, password_hash) VALUES (?, 'x')")) {
            Files.writeString(Path.of(args[2] + ".started"), "");
            while (!Files.exists(stop)) {
                ps.setString(1, prefix + inserted + "@writer.example");
                long t0 = System.nanoTime();
                ps.executeUpdate();
                long took = System.nanoTime() - t0;
                if (took > longest) {
                    longest = took;
                    longestAt = t0 - start;
                }
                inserted++;
            }
        }
        System.out.printf("inserted=%d longest_ms=%.1f longest_at_ms=%d%n", inserted, longest / 1e6, longestAt / 1_000_000);
    }
}
