/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the nono-syntax front end (flex scanner, bison parser,
 * error recovery, node builders) and everything that reads its output.
 * Seeds: fuzz/corpus/parse/, dictionary: fuzz/parse.dict,
 * regressions: fuzz/regressions/parse/ (see tests/run-fuzz.sh). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_one(data, size, NONOC_SYNTAX_NONO, "fuzz.nono");
}
