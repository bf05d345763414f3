from . import test_two_factor
from . import test_binary_policy
from . import test_platform_hardening
from . import test_oidc_token
from . import test_report_files
from . import test_chatter_values
from . import test_backup_screen
