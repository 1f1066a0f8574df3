package io.spare.check.haproxy;

import io.spare.api.DurationText;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Fetches the stats page's CSV export ({@code stats uri} + {@code ;csv}) with the JDK's HTTP client. */
final class HttpStatsClient {
    private final StatsEndpoint.StatsPage page;
    private HttpClient client;

    HttpStatsClient(StatsEndpoint.StatsPage page) {
        this.page = page;
    }

    String display() {
        return page.display();
    }

    /**
     * @throws ProbeException if the page cannot be fetched, answers other than 200, or not by the deadline
     */
    String fetch(Deadline deadline) throws ProbeException, InterruptedException {
        Duration remaining = deadline.remaining();
        if (remaining.isZero()) {
            throw ProbeException.timeout("no answer from " + display() + " within " + DurationText.format(deadline.budget()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(page.uri()).timeout(remaining).GET();
        if (page.username().isPresent()) {
            String credentials = page.username().get() + ":" + page.password().orElse("");
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture<HttpResponse<String>> future =
                client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            // The request timeout covers the response headers only; waiting on the future bounds the body too.
            response = future.get(Math.max(1, deadline.remainingMillisForSelect()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ProbeException.timeout("no answer from " + display() + " within " + DurationText.format(deadline.budget()));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw ProbeException.timeout("no answer from " + display() + " within " + DurationText.format(deadline.budget()));
            }
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof java.net.ConnectException) {
                reason = "connection refused";
            }
            throw ProbeException.failure("cannot fetch " + display() + ": " + reason);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw ProbeException.failure(display() + " answered HTTP 401 Unauthorized"
                    + (page.username().isPresent() ? ": wrong username or password" : ": set username and password"));
        }
        if (status != 200) {
            throw ProbeException.failure(display() + " answered HTTP " + status);
        }
        return response.body();
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(30))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return client;
    }
}
