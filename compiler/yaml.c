/* SPDX-License-Identifier: Apache-2.0 */
/* TEMPORARY placeholder until the YAML front end lands. */
#include "context.h"
int nono_parse_yaml(struct nonoc_ctx *ctx, int src)
{
	nono_diag(ctx, NONO_E020, (struct nono_span){ src, 0, 0 }, "YAML front end not built yet");
	return -1;
}
