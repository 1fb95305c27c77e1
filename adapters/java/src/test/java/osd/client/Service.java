package osd.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real service the tests run against: OSD_TEST_URL and OSD_TEST_KEY (the project's test suite starts it). */
final class Service {
    private Service() {}

    static OsdClient client() {
        String url = System.getenv("OSD_TEST_URL");
        assumeTrue(url != null && !url.isEmpty(), "OSD_TEST_URL names the service to test against");
        return OsdClient.builder(url).key(System.getenv("OSD_TEST_KEY")).build();
    }

    static String url() {
        return System.getenv("OSD_TEST_URL");
    }

    /** The contract's example request (Wuxi, open, a conditional dataset, a complete application). */
    static Map<String, Object> example() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("jurisdiction", "wuxi");
        r.put("action", "open");
        r.put("as_of", "2026-11-23");
        r.put("requester", Map.of("type", "legal_person", "real_name_verified", true, "agreement_accepted", true));
        r.put("dataset", Map.of("id", "wx-transport-001", "open_class", "conditional",
                "provider", Map.of("type", "government_department", "level", "city", "region", "wuxi")));
        r.put("purpose", "innovation");
        r.put("access_mode", "platform");
        r.put("application", application());
        return r;
    }

    static Map<String, Object> application() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("title", "公交客流分析");
        a.put("reason", "优化线路");
        a.put("request_type", "dataset");
        a.put("usage_period", Map.of("from", "2026-12-01", "to", "2027-11-30"));
        a.put("output_form", "报告");
        a.put("scenario", "线路规划");
        a.put("commitment", true);
        a.put("security_measures", "加密存储");
        return a;
    }

    static List<String> jurisdictions() {
        return List.of("wuxi", "nanjing");
    }
}
