package dev.riffcode.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ0 here | key [redacted] here",
        "sk-ant-api03-abcdefghij0123456789 | [redacted]",
        "(sk-or-v1-0123456789abcdef0123) | ([redacted])",
        "gsk_abcdefghijklmnop12345678 | [redacted]",
        "hf_abcdefghijklmnopqrstuvwxyz123456 | [redacted]",
        "xai-abcdefghijklmnop1234 | [redacted]",
        "AIzaSyA-abcdefghijklmnopqrstuvwxyz12345 | [redacted]",
        "AKIAABCDEFGHIJKLMNOP | [redacted]",
        "Authorization: Bearer abc.def-ghi_jkl | Authorization: Bearer [redacted]",
        "api_key=abc123 and more | api_key=[redacted] and more",
        "\"x-api-key\": \"zzz\" | \"x-api-key\": \"[redacted]\"",
        "OPENAI_API_KEY=whatever | OPENAI_API_KEY=[redacted]",
        "password: hunter2 | password: [redacted]",
        "https://me:pw@host/v1 | https://[redacted]@host/v1",
        "https://host/v1?key=abc&model=x | https://host/v1?key=[redacted]&model=x",
        "https://host/v1?a=1&token=abc | https://host/v1?a=1&token=[redacted]"})
    void scrubsKeyShapesAndLabelledSecrets(String in, String out) {
        assertEquals(out, Secrets.scrub(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "use_synth('saw'); play(60, release=0.5)",
        "with_fx('reverb', mix=0.4): sample('bd_haus')",
        "key = 'C minor'  # the key of the piece",
        "task-force-risk-assessment-document",
        "sk-this-is-only-words-without-digits",
        "https://api.openai.com/v1",
        "http://localhost:11434/v1",
        "the tokens were 120 in and 30 out",
        "a bearer of good news"})
    void leavesOrdinaryTextAlone(String text) {
        assertEquals(text, Secrets.scrub(text));
    }

    @org.junit.jupiter.api.Test
    void nullAndEmptyStayAsTheyAre() {
        assertNull(Secrets.scrub(null));
        assertEquals("", Secrets.scrub(""));
    }
}
