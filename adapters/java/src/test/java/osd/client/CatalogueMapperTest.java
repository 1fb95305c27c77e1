package osd.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A CKAN record and a Chinese catalogue row become requests the real service decides correctly. */
class CatalogueMapperTest {
    static final String PACKAGE = """
        {"id": "5b0f6c1e-2f7e-4f5e-9d57-0c4a9f3f1a20", "name": "wx-bus-ridership", "title": "公交客流数据",
         "organization": {"name": "wuxi-transport", "title": "无锡市交通运输局"},
         "extras": [{"key": "open_class", "value": "有条件开放"}, {"key": "provider_level", "value": "市级"},
                    {"key": "provider_region", "value": "wuxi"}]}""";
    static final String DCAT = """
        {"name": "wx-permits", "extras": [{"key": "access_rights",
         "value": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"}]}""";
    static final String ROW = """
        {"目录编号": "320200-JT-0012", "数据名称": "公交客流数据", "开放属性": "依申请开放", "共享属性": "无条件共享",
         "提供单位": "无锡市交通运输局", "提供单位层级": "市级"}""";

    static JsonNode json(String text) throws Exception {
        return OsdClient.JSON.readTree(text);
    }

    static Map<String, Object> base() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jurisdiction", "无锡");
        b.put("action", "open");
        b.put("as_of", "2026-11-23");
        b.put("requester", Map.of("type", "legal_person", "real_name_verified", true, "agreement_accepted", true));
        b.put("purpose", "innovation");
        b.put("application", Service.application());
        return b;
    }

    @Test
    void aCkanRecordMapsAndIsDecided() throws Exception {
        OsdClient c = Service.client();
        Vocabulary words = c.vocabularies();
        Map<String, Object> request = CatalogueMapper.request(json(PACKAGE), words, CatalogueMapper.CKAN, base());
        assertEquals("wuxi", request.get("jurisdiction"));
        assertEquals(Map.of("id", "wx-bus-ridership", "open_class", "conditional",
                "provider", Map.of("type", "government_department", "level", "city", "region", "wuxi")), request.get("dataset"));
        Types.Decision d = c.decide(request);
        assertEquals("apply", d.outcome());
        assertEquals("2026-12-07", d.deadline().due());
        Types.Decision open = c.decide(CatalogueMapper.request(json(DCAT), words, CatalogueMapper.CKAN, base()));
        assertEquals("permit", open.outcome());
    }

    @Test
    void aChineseCatalogueRowMapsAndIsDecided() throws Exception {
        OsdClient c = Service.client();
        Map<String, Object> base = base();
        base.put("jurisdiction", "广西");
        Map<String, Object> request = CatalogueMapper.request(json(ROW), c.vocabularies(), CatalogueMapper.CATALOGUE, base);
        assertEquals(Map.of("id", "320200-JT-0012", "open_class", "conditional", "share_class", "unconditional",
                "provider", Map.of("type", "government_department", "level", "city")), request.get("dataset"));
        Types.Decision d = c.decide(request);
        assertEquals("apply", d.outcome());
        assertFalse(d.binding(), "Guangxi's text is a draft");
    }

    @Test
    void theFieldMapIsThePortalsOwn() throws Exception {
        Vocabulary words = Service.client().vocabularies();
        CatalogueMapper.FieldMap mine = new CatalogueMapper.FieldMap(List.of("code"), List.of("kaifang"), List.of(),
                List.of(), List.of("org.level"), List.of(), Map.of("provider_type", "public_service_unit"));
        Map<String, Object> dataset = CatalogueMapper.dataset(
                json("{\"code\": \"A-1\", \"kaifang\": \"不予开放\", \"org\": {\"level\": \"区级\"}}"), words, mine);
        assertEquals(Map.of("id", "A-1", "open_class", "not_open",
                "provider", Map.of("type", "public_service_unit", "level", "county")), dataset);
    }
}
