package io.pressroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.pressroom.Pressroom;
import io.pressroom.migrations.Migrations;
import io.pressroom.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** README's "Embedding Pressroom as a library" example, run as written (database and port aside). */
class EmbeddingExampleTest {

    @Test
    void theReadmeExampleRuns() throws Exception {
        TestPostgres.Db db = TestPostgres.newDatabase();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser("postgres");
        try (Pressroom pressroom = Pressroom.builder().dataSource(ds).build()) {   // migrates on build
            assertThat(pressroom.migrations().state()).isEqualTo(Migrations.SchemaState.CURRENT);
            Javalin app = WebApp.create(pressroom, WebOptions.defaults());         // optional: the HTTP API, unstarted
            app.start(0);
            try {
                HttpResponse<String> live = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(live.statusCode()).isEqualTo(200);
            } finally {
                app.stop();
            }
        }
    }
}
