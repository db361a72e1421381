/** The en catalogue, one JSON file per area of the portal (merge-friendly: each area is edited alone). */
import common from './en/common.json';
import shell from './en/shell.json';
import auth from './en/auth.json';
import home from './en/home.json';
import orders from './en/orders.json';
import quickOrder from './en/quickOrder.json';
import deliveries from './en/deliveries.json';
import invoices from './en/invoices.json';
import statement from './en/statement.json';
import account from './en/account.json';
import support from './en/support.json';
import errors from './en/errors.json';
import status from './en/status.json';
import documents from './en/documents.json';

const messages = {
  common,
  shell,
  auth,
  home,
  orders,
  quickOrder,
  deliveries,
  invoices,
  statement,
  account,
  support,
  errors,
  status,
  documents,
};
export default messages;
