package osd.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java client against the real service. */
class OsdClientTest {
    @Test
    void theReadmeExampleDecides() {
        Types.Decision d = Service.client().decide(Service.example());
        assertEquals("apply", d.outcome());
        assertEquals("application", d.route());
        assertEquals("2026-12-07", d.deadline().due());
        assertEquals(10, d.deadline().workingDays());
        assertFalse(d.basis().get(0).quote().isEmpty());
        assertTrue(d.conditions().stream().anyMatch(t -> t.code().equals("real_name_registration")));
    }

    @Test
    void errorsCarryTheFieldCodes() {
        Map<String, Object> bad = Service.example();
        bad.put("action", "开放");
        bad.put("as_of", "2026-02-30");
        OsdException e = assertThrows(OsdException.class, () -> Service.client().decide(bad));
        assertEquals(400, e.status());
        assertEquals("invalid_request", e.code());
        assertEquals(Map.of("action", "enum", "as_of", "format"), e.codes());
        assertTrue(e.fields().get("action").get(0).contains("'开放' means 'open'"));
    }

    @Test
    void chineseMessagesWhenAsked() {
        Map<String, Object> bad = Service.example();
        bad.put("as_of", "2026-02-30");
        OsdClient zh = OsdClient.builder(Service.url()).key(System.getenv("OSD_TEST_KEY")).language("zh").build();
        OsdException e = assertThrows(OsdException.class, () -> zh.decide(bad));
        assertTrue(e.error().message().startsWith("as_of：不是日期"), e.error().message());
    }

    @Test
    void noKeyIs401() {
        OsdClient anonymous = OsdClient.builder(Service.url()).build();
        Service.client();  // skips without a service
        assertEquals(401, assertThrows(OsdException.class, () -> anonymous.decide(Service.example())).status());
    }

    @Test
    void decideManyChunksAndKeepsOrder() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", "r" + i);
            row.put("dataset", Map.of("id", "ds-" + i, "open_class", i % 7 == 3 ? "maybe" : "conditional"));
            rows.add(row);
        }
        Map<String, Object> common = Service.example();
        common.remove("dataset");
        List<Types.BatchResult> results = Service.client().decideMany(rows, common, 5, "full");
        assertEquals(23, results.size());
        for (int i = 0; i < 23; i++) {
            Types.BatchResult r = results.get(i);
            assertEquals(i, r.index());
            assertEquals("r" + i, r.id());
            assertEquals("ds-" + i, r.datasetId());
            assertEquals(i % 7 != 3, r.decided());
            if (r.decided()) {
                assertEquals("apply", r.decision().outcome());
            } else {
                assertEquals("enum", r.error().details().get(0).code());
            }
        }
    }

    @Test
    void aRetriedRequestIsNotDecidedTwice() {
        OsdClient c = Service.client();
        Types.Decision first = c.decide(Service.example(), "java-test-1");
        assertEquals(first.decisionId(), c.decide(Service.example(), "java-test-1").decisionId());
        assertNotEquals(first.decisionId(), c.decide(Service.example()).decisionId());
        Map<String, Object> other = Service.example();
        other.put("purpose", "research");
        assertEquals(422, assertThrows(OsdException.class, () -> c.decide(other, "java-test-1")).status());
    }

    @Test
    void theOtherCalls() {
        OsdClient c = Service.client();
        Types.Classification cl = c.classify(Map.of("jurisdiction", "wuxi", "dataset", Map.of("declared_open_class", "conditional")));
        assertEquals("unconditional", cl.results().get(0).open().required());
        assertEquals(Boolean.FALSE, cl.results().get(0).open().lawful());
        Types.Deadlines dl = c.deadlines(Map.of("jurisdiction", "wuxi", "event", "objection_received", "date", "2026-11-02"));
        assertEquals("wuxi", dl.results().get(0).jurisdiction());
        assertFalse(dl.results().get(0).limits().isEmpty());
        Types.Comparison cmp = c.compare(Service.example(), Service.jurisdictions());
        assertEquals(List.of("wuxi", "nanjing"), cmp.decisions().stream().map(Types.Decision::jurisdiction).toList());
        assertEquals("2026-11-23", c.matrix("2026-11-23").asOf());
        assertEquals("wuxi-open", c.regulation("wuxi-open").get("id").asText());
        assertEquals("wuxi-open#15", c.article("wuxi-open", 15).get("ref").asText());
        assertEquals(404, assertThrows(OsdException.class, () -> c.regulation("nowhere")).status());
        assertNotNull(c.vocabularies());
    }
}
