package io.pressroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** stop() lets a request in flight finish (as on SIGTERM) instead of cutting it off. */
class GracefulStopTest {

    @Test
    void aRequestInFlightCompletesWhenTheServerStops() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            WebApp.drainOnStop(config);
            config.routes.get("/slow", ctx -> {
                entered.countDown();
                Thread.sleep(1_500);
                ctx.result("finished");
            });
        }).start("127.0.0.1", 0);
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        app.stop();
        HttpResponse<String> r = response.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("finished");
    }
}
