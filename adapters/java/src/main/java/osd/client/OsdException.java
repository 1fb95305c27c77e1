package osd.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An answer that is not a success (status 0: no answer at all), with the service's error body. */
public class OsdException extends RuntimeException {
    private final int status;
    private final Types.ApiError error;

    public OsdException(int status, Types.ApiError error) {
        super(status + " " + error.code() + ": " + error.message());
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String code() {
        return error.code();
    }

    public Types.ApiError error() {
        return error;
    }

    public Map<String, List<String>> fields() {
        return error.fields() == null ? Map.of() : error.fields();
    }

    /** Each refused field with its machine code (the first, where a field has several). */
    public Map<String, String> codes() {
        Map<String, String> out = new LinkedHashMap<>();
        if (error.details() != null) {
            for (Types.FieldError d : error.details()) {
                out.putIfAbsent(d.field(), d.code());
            }
        }
        return out;
    }
}
