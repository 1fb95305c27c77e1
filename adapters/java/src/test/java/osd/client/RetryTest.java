package osd.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The retry rule over a real socket: 429 and 503 are retried honouring Retry-After, any other
 * 4xx is thrown at once, and every try sends the same Idempotency-Key. The peer is the JDK's
 * HTTP server answering a set sequence of statuses, which the service cannot be made to give.
 */
class RetryTest {
    record Answer(int status, String retryAfter, String body) {}

    static HttpServer peer(Deque<Answer> answers, Set<String> keys, List<Integer> seen) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.getRequestBody().readAllBytes();
            Answer a = answers.removeFirst();
            seen.add(a.status());
            if (a.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static String error(String code) {
        return "{\"error\": {\"code\": \"" + code + "\", \"message\": \"" + code + "\", \"fields\": {}, \"details\": []}}";
    }

    @Test
    void unavailableAndTooManyAreRetriedWithOneKey() throws Exception {
        Deque<Answer> answers = new ArrayDeque<>(List.of(new Answer(503, "2", error("engine_unavailable")),
                new Answer(429, null, error("too_many_requests")),
                new Answer(200, null, "{\"decision_id\": \"d1\", \"outcome\": \"permit\"}")));
        Set<String> keys = new HashSet<>();
        List<Integer> seen = new ArrayList<>();
        HttpServer server = peer(answers, keys, seen);
        List<Long> waits = new ArrayList<>();
        try {
            OsdClient c = OsdClient.builder("http://127.0.0.1:" + server.getAddress().getPort()).backoffMillis(200).build();
            c.sleeper(waits::add);
            assertEquals("d1", c.decide(Map.of("jurisdiction", "wuxi")).decisionId());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of(503, 429, 200), seen);
        assertEquals(1, keys.size());
        assertEquals(2000L, waits.get(0));
        assertTrue(waits.get(1) >= 100 && waits.get(1) <= 400, waits.toString());
    }

    @Test
    void otherClientErrorsAreNeverRetried() throws Exception {
        Deque<Answer> answers = new ArrayDeque<>(List.of(new Answer(400, null, error("invalid_request")),
                new Answer(200, null, "{}")));
        List<Integer> seen = new ArrayList<>();
        HttpServer server = peer(answers, new HashSet<>(), seen);
        try {
            OsdClient c = OsdClient.builder("http://127.0.0.1:" + server.getAddress().getPort()).build();
            c.sleeper(w -> { throw new AssertionError("no wait expected"); });
            assertEquals("invalid_request", assertThrows(OsdException.class, () -> c.decide(Map.of())).code());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of(400), seen);
    }

    @Test
    void afterTheLastRetryTheErrorIsThrown() throws Exception {
        Deque<Answer> answers = new ArrayDeque<>();
        for (int i = 0; i < 4; i++) {
            answers.add(new Answer(503, "1", error("unavailable")));
        }
        HttpServer server = peer(answers, new HashSet<>(), new ArrayList<>());
        List<Long> waits = new ArrayList<>();
        try {
            OsdClient c = OsdClient.builder("http://127.0.0.1:" + server.getAddress().getPort()).retries(3).build();
            c.sleeper(waits::add);
            OsdException e = assertThrows(OsdException.class, () -> c.decide(Map.of()));
            assertEquals(503, e.status());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of(1000L, 1000L, 1000L), waits);
    }
}
