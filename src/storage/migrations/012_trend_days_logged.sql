-- Each day's summary now keeps whether any recovery was logged on it ("not possible today"
-- too), which decides the days compared with and without a break or movement: sum every
-- day again at the next trends read, so no day summed before keeps the old shape.
UPDATE trend_days SET summary = NULL;
