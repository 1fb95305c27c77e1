package osd.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalogue records to decision requests: a CKAN {@code package_show} result, or a row of a
 * Chinese data catalogue (数据名称, 开放属性, 共享属性, 提供单位 ...). A {@link FieldMap} says where
 * each field is read from: source paths tried in order ({@code extras.open_class} reads a CKAN
 * extra, {@code organization.title} a nested field, {@code 开放属性} a column). Values become
 * codes through the service's {@link Vocabulary}; one that maps to no code is sent as it is,
 * so the service's 400 names the field.
 */
public final class CatalogueMapper {
    private CatalogueMapper() {}

    /** Where each request field is read from, and the values used when no path gives one. */
    public record FieldMap(List<String> datasetId, List<String> openClass, List<String> shareClass,
                           List<String> providerType, List<String> providerLevel, List<String> providerRegion,
                           Map<String, String> defaults) {}

    /** A CKAN package (ckanext-scheming fields or extras, and ckanext-dcat's access_rights). */
    public static final FieldMap CKAN = new FieldMap(
            List.of("name", "id"),
            List.of("open_class", "extras.open_class", "开放属性", "extras.开放属性", "access_rights", "extras.access_rights"),
            List.of("share_class", "extras.share_class", "共享属性", "extras.共享属性"),
            List.of("provider_type", "extras.provider_type", "organization.provider_type"),
            List.of("provider_level", "extras.provider_level", "organization.level", "extras.提供单位层级"),
            List.of("provider_region", "extras.provider_region", "extras.region", "organization.region"),
            Map.of("provider_type", "government_department"));

    /** A row of a Chinese data catalogue (公共数据资源目录), by its column names. */
    public static final FieldMap CATALOGUE = new FieldMap(
            List.of("数据编号", "目录编号", "资源编号", "编号", "数据名称", "目录名称"),
            List.of("开放属性", "开放类型", "开放类别"),
            List.of("共享属性", "共享类型", "共享类别"),
            List.of("提供单位类型"),
            List.of("提供单位层级", "层级"),
            List.of("所属地区", "行政区划", "地区"),
            Map.of("provider_type", "government_department"));

    /** The request's {@code dataset} for {@code record}, read through {@code fields}. */
    public static Map<String, Object> dataset(JsonNode record, Vocabulary words, FieldMap fields) {
        Map<String, Object> provider = new LinkedHashMap<>();
        put(provider, "type", code(words, "requester.type", value(record, fields.providerType(), fields, "provider_type")));
        put(provider, "level", code(words, "level", value(record, fields.providerLevel(), fields, "provider_level")));
        put(provider, "region", value(record, fields.providerRegion(), fields, "provider_region"));
        Map<String, Object> dataset = new LinkedHashMap<>();
        String id = value(record, fields.datasetId(), fields, "dataset_id");
        put(dataset, "id", id == null ? null : id.substring(0, Math.min(id.length(), 200)));
        put(dataset, "open_class", code(words, "open_class", value(record, fields.openClass(), fields, "open_class")));
        put(dataset, "share_class", code(words, "share_class", value(record, fields.shareClass(), fields, "share_class")));
        if (!provider.isEmpty()) {
            dataset.put("provider", provider);
        }
        return dataset;
    }

    /** A decision request: {@code base} (jurisdiction, action, requester ...) with the record's dataset. */
    public static Map<String, Object> request(JsonNode record, Vocabulary words, FieldMap fields, Map<String, ?> base) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        if (out.get("jurisdiction") instanceof String j) {
            out.put("jurisdiction", words.code("jurisdiction", j));
        }
        out.put("dataset", dataset(record, words, fields));
        return out;
    }

    private static String code(Vocabulary words, String vocabulary, String value) {
        return value == null ? null : words.code(vocabulary, value);
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String value(JsonNode record, List<String> paths, FieldMap fields, String name) {
        for (String path : paths) {
            JsonNode found = at(record, path);
            if (found != null && !found.isNull() && !found.asText().isEmpty()) {
                return found.asText();
            }
        }
        return fields.defaults().get(name);
    }

    private static JsonNode at(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            return null;
        }
        if (node.has(path)) {
            return node.get(path);
        }
        int dot = path.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String head = path.substring(0, dot);
        JsonNode next = node.get(head);
        if (head.equals("extras") && next != null && next.isArray()) {  // CKAN: [{"key": ..., "value": ...}]
            String wanted = path.substring(dot + 1);
            for (JsonNode extra : next) {
                if (wanted.equals(extra.path("key").asText())) {
                    return extra.get("value");
                }
            }
            return null;
        }
        return at(next, path.substring(dot + 1));
    }
}
