package osd.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The service's vocabularies ({@code GET /v1/vocabularies}), to turn catalogue labels and
 * words into codes: 有条件开放 and 依申请开放 are {@code conditional}, 市级 is {@code city}.
 */
public final class Vocabulary {
    /** dct:accessRights (the EU access-right table, as ckanext-dcat stores it) to open class. */
    static final Map<String, String> ACCESS_RIGHTS = Map.of(
            "PUBLIC", "unconditional", "RESTRICTED", "conditional", "NON_PUBLIC", "not_open");

    private final Map<String, String> words = new HashMap<>();
    private final Map<String, Set<String>> codes = new HashMap<>();

    public Vocabulary(JsonNode answer) {
        for (JsonNode vocabulary : answer.get("vocabularies")) {
            String name = vocabulary.get("name").asText();
            Set<String> known = codes.computeIfAbsent(name, n -> new HashSet<>());
            for (JsonNode code : vocabulary.get("codes")) {
                String value = code.get("code").asText();
                known.add(value);
                add(name, code.get("zh"), value);
                add(name, code.get("en"), value);
                for (JsonNode word : code.get("words")) {
                    add(name, word.get("word"), value);
                }
            }
        }
    }

    private void add(String vocabulary, JsonNode word, String code) {
        if (word != null && !word.isNull()) {
            words.putIfAbsent(vocabulary + "\u0000" + word.asText().strip(), code);
        }
    }

    /** The code {@code value} means in {@code vocabulary}: itself if it is one, else by its words; else as given. */
    public String code(String vocabulary, String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (codes.getOrDefault(vocabulary, Set.of()).contains(text)) {
            return text;
        }
        if (vocabulary.equals("open_class")) {
            String[] parts = text.replaceAll("/+$", "").split("/");
            String right = ACCESS_RIGHTS.get(parts[parts.length - 1].toUpperCase());
            if (right != null) {
                return right;
            }
        }
        return words.getOrDefault(vocabulary + "\u0000" + text, value);
    }
}
