package org.postilion.connector.imap.search;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Base64 and quoted-printable as mailers send them, including the broken forms. */
class TransferDecodingTest {

    private static String b64(String in) {
        byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
        return new String(TransferDecoding.base64(b, 0, b.length), StandardCharsets.UTF_8);
    }

    private static String qp(String in) {
        byte[] b = in.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        return new String(TransferDecoding.quotedPrintable(b, 0, b.length), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "aGVsbG8gd29ybGQ=|hello world",
            "aGVsbG8g\\r\\nd29ybGQ=|hello world",
            "aGVs bG8g d29y bGQ|hello world",
            "aGVsbG8gd29ybGQ=ignored after padding|hello world",
            "!!aGVsbG8=!!|hello",
            "a|''",
            "''|''"})
    void decodesBase64Leniently(String in, String expected) {
        assertEquals(expected, b64(in.replace("\\r\\n", "\r\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Sch=F6n|Schön",
            "soft=\\r\\nbreak|softbreak",
            "soft=\\nbreak|softbreak",
            "soft=  \\r\\nbreak|softbreak",
            "lower=e9case|lowerécase",
            "broken=ZZescape|broken=ZZescape",
            "'ends with ='|'ends with '",
            "ends with =4|ends with =4",
            "=3D=3D|==",
            "line\\r\\nbreak|line\\r\\nbreak"})
    void decodesQuotedPrintableLeniently(String in, String expected) {
        assertEquals(expected.replace("\\r", "\r").replace("\\n", "\n"), qp(in));
    }
}
