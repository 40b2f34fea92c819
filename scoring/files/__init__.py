"""Files in and out: reading with the encodings and limits the tool accepts, the one writer of
every output file, and operating-system errors in Chinese."""
