/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the YAML front end (libyaml events, schema walk,
 * anchors/aliases and their bounds) and everything that reads its output.
 * Seeds: fuzz/corpus/yaml/, dictionary: fuzz/yaml.dict,
 * regressions: fuzz/regressions/yaml/ (see tests/run-fuzz.sh). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_one(data, size, NONOC_SYNTAX_YAML, "fuzz.yaml");
}
