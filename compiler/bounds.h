/* SPDX-License-Identifier: Apache-2.0 */
/* Hard limits on hostile input. Each one is reported as a diagnostic
 * (NONO-E010) naming the limit, never as a crash or an unbounded allocation.
 * They are far above anything a reviewed policy needs. */
#ifndef NONOC_BOUNDS_H
#define NONOC_BOUNDS_H

#define NONO_MAX_FILE_SIZE   (8u * 1024 * 1024) /* bytes in one policy source        */
#define NONO_MAX_RULES       200000u            /* statements/rules in one source     */
#define NONO_MAX_DEPTH       32u                /* nesting of blocks / YAML nodes     */
#define NONO_MAX_TOKEN       4096u              /* bytes in one string or word        */
#define NONO_MAX_ERRORS      50u                /* errors per source before giving up */
#define NONO_MAX_YAML_NODES  400000u            /* YAML nodes visited, aliases expanded */
#define NONO_MAX_ARENA       (512u * 1024 * 1024) /* memory for one context           */

#endif
