-- b-bit MinHash (ADR 0016, third addendum): a stored signature keeps the lowest byte of each value (the
-- first of its four, little-endian), 128 bytes instead of 512. kernel/minhash.ts reads and writes this form.
UPDATE "burdens"
SET "similarity_signature" = decode(regexp_replace(encode("similarity_signature", 'hex'), '(..)......', '\1', 'g'), 'hex')
WHERE octet_length("similarity_signature") = 512;
