package osd.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * A client of the open data decision service, on {@code java.net.http} and Jackson.
 *
 * <p>Every POST carries an {@code Idempotency-Key} made once per call and kept across its
 * retries, so a retry after a lost answer never decides (or logs) twice. 429 and 503 answers
 * and failed connections are retried with exponential backoff, waiting what
 * {@code Retry-After} says when it says it; any other 4xx is thrown at once as an
 * {@link OsdException} carrying the field errors.
 */
public final class OsdClient {
    public static final int BATCH_LIMIT = 1000;
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String baseUrl;
    private final String key;
    private final Duration timeout;
    private final int retries;
    private final long backoffMillis;
    private final String language;
    private final HttpClient http;
    private LongConsumer sleeper = OsdClient::sleep;

    private OsdClient(Builder b) {
        this.baseUrl = b.baseUrl.replaceAll("/+$", "");
        this.key = b.key;
        this.timeout = b.timeout;
        this.retries = b.retries;
        this.backoffMillis = b.backoffMillis;
        this.language = b.language;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
    }

    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /** Options of a client; {@code build()} makes it. */
    public static final class Builder {
        private final String baseUrl;
        private String key;
        private Duration timeout = Duration.ofSeconds(30);
        private int retries = 3;
        private long backoffMillis = 500;
        private String language;

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Builder key(String key) { this.key = key; return this; }
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        public Builder retries(int retries) { this.retries = retries; return this; }
        public Builder backoffMillis(long millis) { this.backoffMillis = millis; return this; }
        /** "zh" for Chinese error messages. */
        public Builder language(String language) { this.language = language; return this; }
        public OsdClient build() { return new OsdClient(this); }
    }

    /** Replaces the wait between retries (tests watch the waits with it). */
    void sleeper(LongConsumer sleeper) {
        this.sleeper = sleeper;
    }

    // -- the service's answers -----------------------------------------------------

    public Types.Decision decide(Map<String, ?> request) {
        return decide(request, null);
    }

    public Types.Decision decide(Map<String, ?> request, String idempotencyKey) {
        return JSON.convertValue(post("/v1/decisions", request, idempotencyKey), Types.Decision.class);
    }

    /** Any number of requests over the batch endpoint, {@code chunk} at a time, in order. */
    public List<Types.BatchResult> decideMany(List<? extends Map<String, ?>> requests, Map<String, ?> common, int chunk,
                                              String view) {
        if (chunk < 1 || chunk > BATCH_LIMIT) {
            throw new IllegalArgumentException("chunk must be from 1 to " + BATCH_LIMIT);
        }
        List<Types.BatchResult> out = new ArrayList<>();
        for (int start = 0; start < requests.size(); start += chunk) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("requests", requests.subList(start, Math.min(start + chunk, requests.size())));
            if (common != null && !common.isEmpty()) {
                body.put("common", common);
            }
            JsonNode answer = post("/v1/decisions:batch?view=" + encode(view == null ? "full" : view), body, null);
            for (JsonNode result : answer.get("decisions")) {
                out.add(result(result, start));
            }
        }
        return out;
    }

    private static Types.BatchResult result(JsonNode node, int start) {
        int index = node.get("index").asInt() + start;
        String id = node.path("id").isNull() ? null : node.path("id").asText(null);
        String datasetId = node.path("dataset_id").isNull() ? null : node.path("dataset_id").asText(null);
        if (node.has("error")) {
            return new Types.BatchResult(index, id, datasetId, null, JSON.convertValue(node.get("error"), Types.ApiError.class));
        }
        ((ObjectNode) node).put("index", index);
        return new Types.BatchResult(index, id, datasetId, JSON.convertValue(node, Types.Decision.class), null);
    }

    public Types.Classification classify(Map<String, ?> request) {
        return JSON.convertValue(post("/v1/classifications", request, null), Types.Classification.class);
    }

    public Types.Deadlines deadlines(Map<String, ?> request) {
        return JSON.convertValue(post("/v1/deadlines", request, null), Types.Deadlines.class);
    }

    public Types.Comparison compare(Map<String, ?> request, List<String> jurisdictions) {
        Map<String, Object> body = new LinkedHashMap<>(request);
        body.remove("jurisdiction");
        if (jurisdictions != null && !jurisdictions.isEmpty()) {
            body.put("jurisdictions", jurisdictions);
        }
        return JSON.convertValue(post("/v1/compare", body, null), Types.Comparison.class);
    }

    public Types.Matrix matrix(String asOf) {
        return JSON.convertValue(get("/v1/matrix" + (asOf == null ? "" : "?as_of=" + encode(asOf))), Types.Matrix.class);
    }

    public JsonNode regulation(String id) { return get("/v1/regulations/" + encode(id)); }

    public JsonNode article(String id, int number) { return get("/v1/regulations/" + encode(id) + "/articles/" + number); }

    public Vocabulary vocabularies() { return new Vocabulary(get("/v1/vocabularies")); }

    // -- HTTP ------------------------------------------------------------------------

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), path);
    }

    private JsonNode post(String path, Object body, String idempotencyKey) {
        byte[] data;
        try {
            data = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request cannot be written as JSON", e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(data));
        return send(b, path);
    }

    private JsonNode send(HttpRequest.Builder b, String path) {
        b.timeout(timeout).header("Accept", "application/json").header("User-Agent", "osd-client-java/0.1");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (language != null) {
            b.header("Accept-Language", language);
        }
        HttpRequest request = b.build();
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= retries;
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (last) {
                    throw new OsdException(0, new Types.ApiError("no_answer", request.method() + " " + path + ": " + e,
                            Map.of(), List.of()));
                }
                sleeper.accept(waitMillis(attempt, Optional.empty()));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OsdException(0, new Types.ApiError("interrupted", "interrupted", Map.of(), List.of()));
            }
            int status = answer.statusCode();
            JsonNode body = parse(answer.body());
            if (status < 300) {
                return body;
            }
            if ((status != 429 && status != 503) || last) {
                JsonNode error = body.path("error");
                Types.ApiError parsed = error.isObject() ? JSON.convertValue(error, Types.ApiError.class)
                        : new Types.ApiError("http_" + status, "", Map.of(), List.of());
                throw new OsdException(status, parsed);
            }
            sleeper.accept(waitMillis(attempt, answer.headers().firstValue("Retry-After")));
        }
    }

    long waitMillis(int attempt, Optional<String> retryAfter) {
        if (retryAfter.isPresent() && retryAfter.get().trim().matches("[0-9]{1,6}")) {
            return Math.min(Long.parseLong(retryAfter.get().trim()) * 1000, 30_000);
        }
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() / 2;
        return Math.min((long) (backoffMillis * Math.pow(2, attempt) * jitter), 30_000);
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
